import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Dialog, DialogTrigger, Divider, Flex, Heading, Radio, RadioGroup, Text, TextField } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { useProfileLookup, type LookupIdType } from '../../state/profile-lookup-store.js';
import { LookupResult } from './lookup-result.js';

const ID_TYPES = ['thirdPartyId', 'pcId', 'ecid'] as const satisfies readonly LookupIdType[];

/** The connection a lookup asks: its id for the call, and its name and client code to say so. */
export interface LookupConnection {
  readonly id: string;
  readonly name: string;
  readonly clientCode: string;
}

/** True when `value` is one of the kinds of id a lookup takes. */
function isIdType(value: string): value is LookupIdType {
  return (ID_TYPES as readonly string[]).includes(value);
}

/** The form and the answer inside the dialog: id, kind of id (each explained), Look up, then what Target holds. */
function LookupForm({ api, connection, initialIdType, close }: { readonly api: ClientApi; readonly connection: LookupConnection; readonly initialIdType: LookupIdType; readonly close: () => void }) {
  const { t } = useTranslation();
  const state = useProfileLookup((s) => s.state);
  const lookup = useProfileLookup((s) => s.lookup);
  const [id, setId] = useState('');
  const [idType, setIdType] = useState<LookupIdType>(initialIdType);
  const [missingId, setMissingId] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = id.trim();
    setMissingId(trimmed === '');
    if (trimmed === '') return;
    void lookup(api, { connectionId: connection.id, id: trimmed, idType });
  };
  return (
    <Dialog size="L" data-testid="lookup-dialog">
      <Heading>{t('lookup.title')}</Heading>
      <Divider />
      <Content>
        <Flex direction="column" gap="size-200">
          <Text data-testid="lookup-connection">{t('lookup.asks', { connection: connection.name, clientCode: connection.clientCode })}</Text>
          <form onSubmit={onSubmit} aria-label={t('lookup.title')} noValidate>
            <Flex direction="column" gap="size-200">
              <TextField
                label={t('lookup.id')}
                description={t('lookup.idHelp')}
                value={id}
                onChange={(value) => {
                  setId(value);
                  if (value.trim() !== '') setMissingId(false);
                }}
                validationState={missingId ? 'invalid' : undefined}
                errorMessage={missingId ? t('lookup.idRequired') : undefined}
                isRequired
                autoFocus
                width="100%"
                data-testid="lookup-id"
              />
              <RadioGroup
                label={t('lookup.idType')}
                description={t(`lookup.idTypeHelp.${idType}`)}
                value={idType}
                onChange={(value) => isIdType(value) && setIdType(value)}
                orientation="horizontal"
                data-testid="lookup-id-type"
              >
                {ID_TYPES.map((type) => (
                  <Radio key={type} value={type}>
                    {t(`lookup.idTypes.${type}`)}
                  </Radio>
                ))}
              </RadioGroup>
              {/* Pending, not disabled: a disabled button would drop the keyboard focus out of the dialog. */}
              <Button type="submit" variant="accent" isPending={state.kind === 'looking'} alignSelf="start" data-testid="lookup-submit">
                {t('lookup.submit')}
              </Button>
            </Flex>
          </form>
          <div aria-live="polite" data-testid="lookup-answer" data-state={state.kind}>
            {state.kind === 'looking' && <span className="visually-hidden">{t('lookup.looking')}</span>}
            {state.kind === 'done' && <LookupResult result={state.result} idTypeName={t(`lookup.idTypes.${state.result.idType}`)} />}
            {state.kind === 'failed' && (
              <div role="alert" className="problem" data-testid="lookup-problem">
                {t('lookup.problem', { message: problemText(t, state.problem) })}
              </div>
            )}
          </div>
        </Flex>
      </Content>
      <ButtonGroup>
        <Button variant="secondary" onPress={close} data-testid="lookup-close">
          {t('lookup.close')}
        </Button>
      </ButtonGroup>
    </Dialog>
  );
}

/**
 * "Look up one profile" on the Results step: a button opening a dialog that reads one visitor profile
 * through `connection` (`lookup.profile`) and shows Target's attributes with their modified times
 * beside the values this app last sent. Focus goes to the id field on open and back to the button on
 * close. `connection` null: no connection to ask, and the button says why.
 */
export function ProfileLookupButton({ api, connection, initialIdType }: { readonly api: ClientApi; readonly connection: LookupConnection | null; readonly initialIdType: LookupIdType }) {
  const { t } = useTranslation();
  const reset = useProfileLookup((s) => s.reset);
  return (
    <Flex gap="size-200" alignItems="center" wrap marginTop="size-300">
      {connection ? (
        <DialogTrigger type="modal" isDismissable onOpenChange={(open) => !open && reset()}>
          <Button variant="secondary" data-testid="lookup-open">
            {t('lookup.open')}
          </Button>
          {(close) => <LookupForm api={api} connection={connection} initialIdType={initialIdType} close={close} />}
        </DialogTrigger>
      ) : (
        <Button variant="secondary" isDisabled data-testid="lookup-open">
          {t('lookup.open')}
        </Button>
      )}
      <Text UNSAFE_className="hint">{connection ? t('lookup.openHelp') : t('lookup.noConnection')}</Text>
    </Flex>
  );
}
