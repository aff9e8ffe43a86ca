import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Checkbox, Flex, Heading, Item, Picker, Radio, RadioGroup, TextField } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ConnectionProfileView, SecretStorageKind } from '../../../shared/contract/profiles.js';
import { isAppError } from '../../../shared/contract/index.js';
import type { ProfileInput } from '../../state/profiles-store.js';
import { thrownText } from '../../i18n/problem-text.js';
import { checkProfileFields, withScheme, type FieldProblems } from './profile-fields.js';
import { HELP_LINKS } from '../../../shared/contract/help-links.js';
import { TokenStorageNote } from './token-storage-note.js';

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

/** Which field a Node-side refusal belongs to, so it shows under that field. */
const FIELD_OF_CODE: Readonly<Record<string, keyof FieldProblems>> = {
  'invalid-base-url': 'baseUrl',
  'insecure-base-url': 'baseUrl',
  'profile-name-taken': 'name',
  'invalid-token': 'token',
};

/**
 * Adds or edits a connection profile. Each field says what is wrong with it before anything is sent; a
 * bare host name gets `https://`. Production is an explicit choice (required for a new connection).
 * The token field is write-only: it starts empty, says whether a token is saved, and sends a token only
 * when the user typed one.
 */
export function ProfileForm(props: {
  readonly profile: ConnectionProfileView | null;
  readonly storage: SecretStorageKind;
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
  const [production, setProduction] = useState<'yes' | 'no' | ''>(p ? (p.production ? 'yes' : 'no') : '');
  const [token, setToken] = useState('');
  const [clearToken, setClearToken] = useState(false);
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState<FieldProblems>({});
  const [problem, setProblem] = useState<string | null>(null);

  const fieldsNow = () => checkProfileFields({ name, clientCode, baseUrl, token, production, isNew: p === null });
  const message = (field: keyof FieldProblems) => {
    const key = shown[field];
    return key === undefined ? undefined : key.startsWith('server:') ? key.slice('server:'.length) : t(`settings.${key}`);
  };
  const invalid = (field: keyof FieldProblems) => (shown[field] === undefined ? undefined : ('invalid' as const));
  const httpProduction = production === 'yes' && /^http:\/\//i.test(baseUrl.trim());

  const submit = async () => {
    const fixedUrl = withScheme(baseUrl);
    if (fixedUrl !== baseUrl) setBaseUrl(fixedUrl);
    const problems = checkProfileFields({ name, clientCode, baseUrl: fixedUrl, token, production, isNew: p === null });
    setShown(problems);
    setProblem(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      await props.onSave({
        ...(p ? { id: p.id } : {}),
        name,
        environment,
        color: environmentColors[color],
        clientCode,
        apiVersion,
        baseUrl: fixedUrl,
        production: production === 'yes',
        ...(token !== '' ? { token } : {}),
        ...(clearToken && token === '' ? { clearToken: true } : {}),
      });
      setToken('');
      props.onDone();
    } catch (error) {
      const field = isAppError(error) ? FIELD_OF_CODE[error.code] : undefined;
      const text = thrownText(t, error);
      if (field) setShown({ [field]: `server:${text}` });
      else setProblem(text);
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
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="profile-form-fields"
        aria-busy={saving}
      >
        <TextField
          label={t('settings.name')}
          value={name}
          onChange={setName}
          onBlur={() => shown.name && setShown({ ...shown, name: fieldsNow().name })}
          isRequired
          autoFocus
          width="100%"
          validationState={invalid('name')}
          errorMessage={message('name')}
        />
        <TextField
          label={t('settings.clientCode')}
          width="100%"
          description={t('settings.clientCodeHelp')}
          value={clientCode}
          onChange={setClientCode}
          onBlur={() => shown.clientCode && setShown({ ...shown, clientCode: fieldsNow().clientCode })}
          isRequired
          validationState={invalid('clientCode')}
          errorMessage={message('clientCode')}
        />
        <TextField
          label={t('settings.baseUrl')}
          width="100%"
          description={t('settings.baseUrlHelp')}
          value={baseUrl}
          onChange={setBaseUrl}
          onBlur={() => {
            const fixed = withScheme(baseUrl);
            if (fixed !== baseUrl) setBaseUrl(fixed);
            if (shown.baseUrl) setShown({ ...shown, baseUrl: checkProfileFields({ name, clientCode, baseUrl: fixed, token, production, isNew: p === null }).baseUrl });
          }}
          isRequired
          type="url"
          validationState={invalid('baseUrl')}
          errorMessage={message('baseUrl')}
          data-testid="base-url-field"
        />
        <RadioGroup
          label={t('settings.production')}
          description={t('settings.productionHelp')}
          value={production}
          onChange={(v) => {
            setProduction(v === 'yes' ? 'yes' : 'no');
            if (shown.production) setShown({ ...shown, production: undefined });
          }}
          isRequired
          validationState={invalid('production')}
          errorMessage={message('production')}
          data-testid="production-choice"
        >
          <Radio value="no">{t('settings.productionNo')}</Radio>
          <Radio value="yes">{t('settings.productionYes')}</Radio>
        </RadioGroup>
        {httpProduction && (
          <p className="problem" role="status" data-testid="http-production">
            {t('settings.httpProduction')}
          </p>
        )}
        <RadioGroup label={t('settings.apiVersion')} value={apiVersion} onChange={(v) => setApiVersion(v === 'v1' ? 'v1' : 'v2')}>
          <Radio value="v1">{t('settings.v1')}</Radio>
          <Radio value="v2">{t('settings.v2')}</Radio>
        </RadioGroup>
        <TextField width="100%" label={t('settings.environment')} description={t('settings.environmentHelp')} value={environment} onChange={setEnvironment} />
        <Picker label={t('settings.color')} width="100%" selectedKey={color} onSelectionChange={(key: Key | null) => key !== null && setColor(key as ColorName)}>
          {(Object.keys(environmentColors) as ColorName[]).map((k) => (
            <Item key={k} textValue={t(`settings.colors.${k}`)}>
              <span className="env-dot" style={{ background: environmentColors[k] }} aria-hidden="true" />
              {t(`settings.colors.${k}`)}
            </Item>
          ))}
        </Picker>
        <TextField
          width="100%"
          label={t('settings.token')}
          description={p?.hasToken ? t('settings.tokenHelpSaved') : t('settings.tokenHelpNew')}
          value={token}
          onChange={setToken}
          type="password"
          autoComplete="off"
          validationState={invalid('token')}
          errorMessage={message('token')}
          data-testid="token-field"
        />
        <p className="storage-note">
          <a href={HELP_LINKS.profileApiToken} target="_blank" rel="noreferrer" data-testid="token-help-link">
            {t('settings.tokenHelpLink')}
          </a>
        </p>
        <p className="storage-note" data-testid="token-storage">
          <TokenStorageNote kind={props.storage} />
        </p>
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
