import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, Flex, Text } from '@adobe/react-spectrum';
import type { RecentFile, ReadOverrides } from '../../../shared/contract/index.js';
import type { ClientApi } from '../../api/index.js';

/** The last files opened (kept by the Node side); choosing one opens it again with the same overrides. */
export function RecentFiles({ api, refreshKey, onOpen }: { readonly api: ClientApi; readonly refreshKey: string; readonly onOpen: (path: string, name: string, options: ReadOverrides) => void }) {
  const { t } = useTranslation();
  const [recent, setRecent] = useState<readonly RecentFile[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.call['files.recent']({}).then((list) => live && setRecent(list), () => live && setRecent([]));
    return () => {
      live = false;
    };
  }, [api, refreshKey]);
  return (
    <section aria-labelledby="recent-heading" className="recent" data-testid="recent-files" data-state={recent === null ? 'loading' : 'ready'}>
      <h3 id="recent-heading" className="subheading">
        {t('loadMore.recent')}
      </h3>
      {recent !== null && recent.length === 0 && <Text>{t('loadMore.recentEmpty')}</Text>}
      <Flex direction="column" gap="size-50" alignItems="start">
        {recent?.map((r) => (
          <ActionButton key={r.path} isQuiet isDisabled={!r.exists} onPress={() => onOpen(r.path, r.name, r.options)} aria-label={r.exists ? t('loadMore.recentOpen', { name: r.name }) : t('loadMore.recentMissing', { name: r.name })}>
            <Text>{r.exists ? r.name : t('loadMore.recentMissing', { name: r.name })}</Text>
          </ActionButton>
        ))}
      </Flex>
    </section>
  );
}
