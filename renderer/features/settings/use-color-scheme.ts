import { useEffect, useState } from 'react';

const query = '(prefers-color-scheme: dark)';

/** The operating system's light/dark choice, kept current as the user changes it. */
export function useColorScheme(): 'light' | 'dark' {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined;
    const list = matchMedia(query);
    const onChange = () => setDark(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}
