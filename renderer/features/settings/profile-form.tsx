import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Checkbox, Flex, Heading, Item, Picker, Radio, RadioGroup, TextField } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ConnectionProfileView } from '../../../shared/contract/profiles.js';
import { isAppError } from '../../../shared/contract/index.js';
import type { ProfileInput } from '../../state/profiles-store.js';
import { problemText } from '../upload/error-text.js';

/** The environment colours offered, as CSS colours (saved with the profile). */
export const environmentColors = {
  red: '#d7373f',
  orange: '#e68619',
  yellow: '#c9a300',
  green: '#268e6c',
  blue: '#2680eb',
  purple: '#9256d9',
  gray: '#6e6e6e',
} as const;
type ColorName = keyof typeof environmentColors;

function colorNameOf(color: string): ColorName {
  const found = (Object.keys(environmentColors) as ColorName[]).find((k) => environmentColors[k].toLowerCase() === color.toLowerCase());
  return found ?? 'blue';
}

/**
 * Adds or edits a connection profile. The token field is write-only: it starts empty, says whether a
 * token is saved, and sends a token only when the user typed one.
 */
export function ProfileForm(props: {
  readonly profile: ConnectionProfileView | null;
  readonly onSave: (input: ProfileInput) => Promise<unknown>;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const p = props.profile;
  const [name, setName] = useState(p?.name ?? '');
  const [environment, setEnvironment] = useState(p?.environment ?? '');
  const [color, setColor] = useState<ColorName>(p ? colorNameOf(p.color) : 'blue');
  const [clientCode, setClientCode] = useState(p?.clientCode ?? '');
  const [apiVersion, setApiVersion] = useState<'v1' | 'v2'>(p?.apiVersion ?? 'v2');
  const [baseUrl, setBaseUrl] = useState(p?.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [clearToken, setClearToken] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    setSaving(true);
    setProblem(null);
    try {
      await props.onSave({
        ...(p ? { id: p.id } : {}),
        name,
        environment,
        color: environmentColors[color],
        clientCode,
        apiVersion,
        baseUrl,
        ...(token !== '' ? { token } : {}),
        ...(clearToken && token === '' ? { clearToken: true } : {}),
      });
      setToken('');
      props.onDone();
    } catch (error) {
      setProblem(isAppError(error) ? problemText(t, error) : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="profile-form" aria-labelledby="profile-form-heading" data-testid="profile-form">
      <Heading level={3} id="profile-form-heading">
        {p ? t('settings.formEdit', { name: p.name }) : t('settings.formAdd')}
      </Heading>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="profile-form-fields"
        aria-busy={saving}
      >
        <TextField label={t('settings.name')} value={name} onChange={setName} isRequired autoFocus width="100%" />
        <TextField label={t('settings.environment')} width="100%" description={t('settings.environmentHelp')} value={environment} onChange={setEnvironment} />
        <Picker label={t('settings.color')} width="100%" selectedKey={color} onSelectionChange={(key: Key | null) => key !== null && setColor(key as ColorName)}>
          {(Object.keys(environmentColors) as ColorName[]).map((k) => (
            <Item key={k} textValue={t(`settings.colors.${k}`)}>
              <span className="env-dot" style={{ background: environmentColors[k] }} aria-hidden="true" />
              {t(`settings.colors.${k}`)}
            </Item>
          ))}
        </Picker>
        <TextField label={t('settings.clientCode')} width="100%" description={t('settings.clientCodeHelp')} value={clientCode} onChange={setClientCode} isRequired />
        <RadioGroup label={t('settings.apiVersion')} value={apiVersion} onChange={(v) => setApiVersion(v === 'v1' ? 'v1' : 'v2')}>
          <Radio value="v1">{t('settings.v1')}</Radio>
          <Radio value="v2">{t('settings.v2')}</Radio>
        </RadioGroup>
        <TextField label={t('settings.baseUrl')} width="100%" description={t('settings.baseUrlHelp')} value={baseUrl} onChange={setBaseUrl} isRequired type="url" />
        <TextField
          width="100%"
          label={t('settings.token')}
          description={p?.hasToken ? t('settings.tokenHelpSaved') : t('settings.tokenHelpNew')}
          value={token}
          onChange={setToken}
          type="password"
          autoComplete="off"
          data-testid="token-field"
        />
        {p?.hasToken && (
          <Checkbox isSelected={clearToken} onChange={setClearToken} isDisabled={token !== ''}>
            {t('settings.clearToken')}
          </Checkbox>
        )}
        {problem && (
          <div role="alert" className="problem" data-testid="profile-problem">
            {t('settings.problem', { message: problem })}
          </div>
        )}
        <Flex marginTop="size-100">
          <ButtonGroup>
            <Button variant="secondary" onPress={props.onDone}>
              {t('settings.cancel')}
            </Button>
            <Button variant="accent" type="submit" data-testid="profile-save">
              {saving ? t('settings.saving') : t('settings.save')}
            </Button>
          </ButtonGroup>
        </Flex>
      </form>
    </section>
  );
}
