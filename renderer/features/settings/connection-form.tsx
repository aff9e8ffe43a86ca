import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Checkbox, Flex, Heading, Item, Picker, Radio, RadioGroup, TextField } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import { ADOBE_ADMIN_API_URL, ADOBE_DEFAULT_SCOPES, ADOBE_IMS_URL, type ConnectionView, type SecretStorageKind } from '../../../shared/contract/connections.js';
import { isAppError } from '../../../shared/contract/index.js';
import type { ConnectionInput } from '../../state/connections-store.js';
import { thrownText } from '../../i18n/problem-text.js';
import { checkConnectionFields, withScheme, type FieldName, type FieldProblems } from './connection-fields.js';
import { SignInFields, type SignInValues } from './sign-in-fields.js';
import { TokenExpiry } from './token-expiry.js';
import { HELP_LINKS } from '../../../shared/contract/help-links.js';
import { TokenStorageNote } from './token-storage-note.js';

/** The environment colours offered, as CSS colours (saved with the connection). */
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
const FIELD_OF_CODE: Readonly<Record<string, FieldName>> = {
  'invalid-base-url': 'baseUrl',
  'insecure-base-url': 'baseUrl',
  'profile-name-taken': 'name',
  'invalid-token': 'token',
  'token-with-sign-in': 'token',
  'invalid-expiry': 'tokenExpiresAt',
  'invalid-client-secret': 'clientSecret',
  'client-secret-missing': 'clientSecret',
  'invalid-ims-url': 'imsUrl',
  'insecure-ims-url': 'imsUrl',
  'invalid-admin-api-url': 'adminApiUrl',
  'insecure-admin-api-url': 'adminApiUrl',
  'ca-file-unreadable': 'caFile',
  'ca-file-not-pem': 'caFile',
};

interface FormValues extends SignInValues {
  readonly name: string;
  readonly environment: string;
  readonly color: ColorName;
  readonly clientCode: string;
  readonly apiVersion: 'v1' | 'v2';
  readonly baseUrl: string;
  readonly production: 'yes' | 'no' | '';
  readonly caFile: string;
  readonly clearToken: boolean;
  readonly verifyAfterUpload: boolean;
}

function initialValues(p: ConnectionView | null): FormValues {
  const oauth = p?.auth.kind === 'adobe-oauth' ? p.auth : undefined;
  return {
    name: p?.name ?? '',
    environment: p?.environment ?? '',
    color: p ? colorNameOf(p.color) : 'blue',
    clientCode: p?.clientCode ?? '',
    apiVersion: p?.apiVersion ?? 'v2',
    baseUrl: p?.baseUrl ?? '',
    production: p ? (p.production ? 'yes' : 'no') : '',
    caFile: p?.caFile ?? '',
    clearToken: false,
    verifyAfterUpload: p?.verifyAfterUpload ?? true,
    signIn: oauth ? 'adobe-oauth' : 'token',
    token: '',
    tokenExpiresAt: p?.auth.kind === 'token' && p.tokenExpiresAt ? p.tokenExpiresAt.slice(0, 10) : '',
    clientId: oauth?.clientId ?? '',
    clientSecret: '',
    orgId: oauth?.orgId ?? '',
    tenantId: oauth?.tenantId ?? '',
    scopes: oauth?.scopes ?? ADOBE_DEFAULT_SCOPES,
    imsUrl: oauth?.imsUrl ?? ADOBE_IMS_URL,
    adminApiUrl: oauth?.adminApiUrl ?? ADOBE_ADMIN_API_URL,
  };
}

/** What `connections.save` gets from the form: only the chosen sign-in method's fields, secrets only when typed. */
function inputOf(p: ConnectionView | null, v: FormValues): ConnectionInput {
  const common = {
    ...(p ? { id: p.id } : {}),
    name: v.name,
    environment: v.environment,
    color: environmentColors[v.color],
    clientCode: v.clientCode,
    apiVersion: v.apiVersion,
    baseUrl: withScheme(v.baseUrl),
    production: v.production === 'yes',
    verifyAfterUpload: v.verifyAfterUpload,
    caFile: v.caFile.trim() === '' ? null : v.caFile.trim(),
  };
  if (v.signIn === 'adobe-oauth') {
    return {
      ...common,
      auth: { kind: 'adobe-oauth', clientId: v.clientId, orgId: v.orgId, tenantId: v.tenantId, scopes: v.scopes, imsUrl: withScheme(v.imsUrl), adminApiUrl: withScheme(v.adminApiUrl) },
      ...(v.clientSecret !== '' ? { clientSecret: v.clientSecret } : {}),
    };
  }
  return {
    ...common,
    auth: { kind: 'token' },
    tokenExpiresAt: v.tokenExpiresAt.trim() === '' ? null : v.tokenExpiresAt.trim(),
    ...(v.token !== '' ? { token: v.token } : {}),
    ...(v.clearToken && v.token === '' ? { clearToken: true } : {}),
  };
}

/**
 * Adds or edits a connection. Each field says what is wrong with it before anything is sent; a
 * bare host name gets `https://`. Production is an explicit choice (required for a new connection). The
 * sign-in method is a choice: a pasted Profile API token, or Adobe Developer Console. Tokens and client
 * secrets are write-only: their fields start empty, say whether one is saved, and send one only when
 * the user typed it.
 */
export function ConnectionForm(props: {
  readonly connection: ConnectionView | null;
  readonly storage: SecretStorageKind;
  readonly onSave: (input: ConnectionInput) => Promise<unknown>;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const p = props.connection;
  const [values, setValues] = useState<FormValues>(() => initialValues(p));
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState<FieldProblems>({});
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));

  // A saved secret only counts while the connection keeps signing in with Adobe.
  const keptSecret = p?.auth.kind === 'adobe-oauth' && p.hasClientSecret;
  const check = (v: FormValues) => checkConnectionFields({ ...v, isNew: p === null, hasClientSecret: keptSecret });
  const message = (field: FieldName) => {
    const key = shown[field];
    return key === undefined ? undefined : key.startsWith('server:') ? key.slice('server:'.length) : t(`settings.${key}`);
  };
  const recheck = (field: FieldName) => shown[field] && setShown({ ...shown, [field]: check(values)[field] });
  const fixScheme = (key: 'baseUrl' | 'imsUrl' | 'adminApiUrl') => {
    const fixed = withScheme(values[key]);
    if (fixed !== values[key]) set(key, fixed);
    if (shown[key]) setShown({ ...shown, [key]: check({ ...values, [key]: fixed })[key] });
  };
  const httpProduction = values.production === 'yes' && /^http:\/\//i.test(values.baseUrl.trim());

  const submit = async () => {
    const problems = check({ ...values, baseUrl: withScheme(values.baseUrl) });
    setShown(problems);
    setProblem(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      await props.onSave(inputOf(p, values));
      setValues((prev) => ({ ...prev, token: '', clientSecret: '' }));
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

  const text = (field: 'name' | 'clientCode' | 'baseUrl', label: string, extra: { description?: string; onBlur?: () => void; testId?: string; autoFocus?: boolean }) => (
    <TextField
      label={label}
      width="100%"
      description={extra.description}
      value={values[field]}
      onChange={(x) => set(field, x)}
      onBlur={extra.onBlur ?? (() => recheck(field))}
      isRequired
      autoFocus={extra.autoFocus}
      validationState={shown[field] === undefined ? undefined : 'invalid'}
      errorMessage={message(field)}
      data-testid={extra.testId}
    />
  );

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
        {text('name', t('settings.name'), { autoFocus: true })}
        {text('clientCode', t('settings.clientCode'), { description: t('settings.clientCodeHelp') })}
        {text('baseUrl', t('settings.baseUrl'), { description: t('settings.baseUrlHelp'), onBlur: () => fixScheme('baseUrl'), testId: 'base-url-field' })}
        <RadioGroup
          label={t('settings.production')}
          description={t('settings.productionHelp')}
          value={values.production}
          onChange={(v) => {
            set('production', v === 'yes' ? 'yes' : 'no');
            if (shown.production) setShown({ ...shown, production: undefined });
          }}
          isRequired
          validationState={shown.production === undefined ? undefined : 'invalid'}
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
        <RadioGroup label={t('settings.apiVersion')} value={values.apiVersion} onChange={(v) => set('apiVersion', v === 'v1' ? 'v1' : 'v2')}>
          <Radio value="v1">{t('settings.v1')}</Radio>
          <Radio value="v2">{t('settings.v2')}</Radio>
        </RadioGroup>
        <Checkbox isSelected={values.verifyAfterUpload} onChange={(x) => set('verifyAfterUpload', x)} aria-describedby="verify-after-upload-help" data-testid="verify-after-upload">
          {t('settings.verifyAfterUpload')}
        </Checkbox>
        <p id="verify-after-upload-help" className="hint">
          {t('settings.verifyAfterUploadHelp')}
        </p>
        <TextField width="100%" label={t('settings.environment')} description={t('settings.environmentHelp')} value={values.environment} onChange={(x) => set('environment', x)} />
        <Picker label={t('settings.color')} width="100%" selectedKey={values.color} onSelectionChange={(key: Key | null) => key !== null && set('color', key as ColorName)}>
          {(Object.keys(environmentColors) as ColorName[]).map((k) => (
            <Item key={k} textValue={t(`settings.colors.${k}`)}>
              <span className="env-dot" style={{ background: environmentColors[k] }} aria-hidden="true" />
              {t(`settings.colors.${k}`)}
            </Item>
          ))}
        </Picker>
        <SignInFields
          values={values}
          set={(key, value) => setValues((prev) => ({ ...prev, [key]: value }))}
          message={message}
          recheck={(field) => (field === 'imsUrl' || field === 'adminApiUrl' ? fixScheme(field) : recheck(field))}
          hasToken={p?.auth.kind === 'token' && p.hasToken}
          hasClientSecret={keptSecret}
        />
        {p && values.signIn === (p.auth.kind === 'adobe-oauth' ? 'adobe-oauth' : 'token') && <TokenExpiry connection={p} />}
        <TextField
          width="100%"
          label={t('settings.caFile')}
          description={t('settings.caFileHelp')}
          value={values.caFile}
          onChange={(x) => set('caFile', x)}
          validationState={shown.caFile === undefined ? undefined : 'invalid'}
          errorMessage={message('caFile')}
          data-testid="ca-file-field"
        />
        <p className="storage-note">
          <a href={HELP_LINKS.profileApiToken} target="_blank" rel="noreferrer" data-testid="token-help-link">
            {t('settings.tokenHelpLink')}
          </a>
        </p>
        <p className="storage-note" data-testid="token-storage">
          <TokenStorageNote kind={props.storage} />
        </p>
        {values.signIn === 'token' && p?.auth.kind === 'token' && p.hasToken && (
          <Checkbox isSelected={values.clearToken} onChange={(x) => set('clearToken', x)} isDisabled={values.token !== ''}>
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
