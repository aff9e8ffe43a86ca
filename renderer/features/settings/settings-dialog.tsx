import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, Button, Content, Dialog, DialogTrigger, Divider, Heading, Item, Picker, TabList, TabPanels, Tabs, Text, View } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import type { ClientApi } from '../../api/index.js';
import { changeLanguage } from '../../i18n/setup.js';
import type { Language } from '../../i18n/setup.js';
import { languages } from '../../i18n/languages.js';
import { useConnections } from '../../state/connections-store.js';
import { useSettingsDialog } from '../../state/settings-dialog-store.js';
import { CatalogPanel } from './catalog-panel.js';
import { ConnectionForm } from './connection-form.js';
import { SavedConnections } from './connection-list.js';
import { TokenStorageNote } from './token-storage-note.js';
import { useColorScheme } from './use-color-scheme.js';
import { WaitingUploads } from './waiting-uploads.js';
import '../upload/upload.css';
import './settings.css';
import { problemText, thrownText } from '../../i18n/problem-text.js';

function ConnectionsPanel({ api }: { readonly api: ClientApi }) {
  const { t } = useTranslation();
  const state = useConnections((s) => s.state);
  const tests = useConnections((s) => s.tests);
  const load = useConnections((s) => s.load);
  const save = useConnections((s) => s.save);
  const remove = useConnections((s) => s.remove);
  const test = useConnections((s) => s.test);
  const [editing, setEditing] = useState<ConnectionView | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const editId = useSettingsDialog((s) => s.editId);
  const clearEdit = useSettingsDialog((s) => s.clearEdit);
  useEffect(() => {
    void load(api);
  }, [api, load]);
  // Opened on one connection ("Update the token" on a paused upload): show its form once the list is there.
  useEffect(() => {
    if (editId === null || state.kind !== 'ready') return;
    const target = state.list.connections.find((p) => p.id === editId);
    if (target && !target.builtIn) setEditing(target);
    clearEdit();
  }, [editId, state, clearEdit]);
  if (state.kind === 'loading') return <Text>{t('grid.loading')}</Text>;
  if (state.kind === 'failed') return <div role="alert" className="problem">{problemText(t, state.problem)}</div>;
  return (
    <div data-testid="connections-panel" data-state={editing ? 'editing' : 'list'}>
      <p className="storage-note" data-testid="secret-storage" data-kind={state.list.secretStorage}>
        <TokenStorageNote kind={state.list.secretStorage} />
      </p>
      {editing ? (
        <ConnectionForm
          connection={editing === 'new' ? null : editing}
          storage={state.list.secretStorage}
          onSave={(input) => save(api, input)}
          onDone={() => setEditing(null)}
        />
      ) : (
        <>
          <WaitingUploads api={api} connections={state.list.connections} />
          <SavedConnections
            connections={state.list.connections}
            tests={tests}
            onEdit={(p) => setEditing(p)}
            onTest={(p) => void test(api, p.id)}
            onDelete={async (p) => {
              setProblem(null);
              try {
                await remove(api, p.id);
              } catch (error) {
                setProblem(thrownText(t, error));
              }
            }}
          />
          {problem && <div role="alert" className="problem">{problem}</div>}
          <Button variant="accent" onPress={() => setEditing('new')} data-testid="add-connection" marginTop="size-150">
            {t('settings.add')}
          </Button>
        </>
      )}
    </div>
  );
}

function AppearancePanel() {
  const { t, i18n } = useTranslation();
  const scheme = useColorScheme();
  return (
    <View paddingY="size-100">
      <Picker
        label={t('settings.language')}
        selectedKey={i18n.language}
        onSelectionChange={(key: Key | null) => key !== null && void changeLanguage(key as Language)}
        data-testid="settings-language"
      >
        {languages.map((l) => (
          <Item key={l.code}>{l.name}</Item>
        ))}
      </Picker>
      <h4 className="settings-subheading">{t('settings.theme')}</h4>
      <Text>{t('settings.themeHelp')}</Text>
      <p data-testid="theme-now" data-scheme={scheme}>
        {t('settings.themeNow', { scheme: t(`settings.${scheme}`) })}
      </p>
    </View>
  );
}

/** The header's Settings button and its dialog: connections, the names sent to each, language, and the theme (which follows the OS). Other screens open it through useSettingsDialog. */
export function SettingsButton({ api }: { readonly api: ClientApi }) {
  const { t } = useTranslation();
  const open = useSettingsDialog((s) => s.open);
  const show = useSettingsDialog((s) => s.show);
  const close = useSettingsDialog((s) => s.close);
  return (
    <DialogTrigger type="modal" isDismissable isOpen={open} onOpenChange={(next) => (next ? show() : close())}>
      <ActionButton aria-label={t('settings.openLabel')} data-testid="open-settings">
        {t('settings.open')}
      </ActionButton>
      {() => (
        <Dialog size="L" data-testid="settings-dialog">
          <Heading>{t('settings.title')}</Heading>
          <Divider />
          <Content>
            <Tabs aria-label={t('settings.tabs')}>
              <TabList>
                <Item key="connections">{t('settings.connections')}</Item>
                <Item key="catalog">{t('catalog.tab')}</Item>
                <Item key="appearance">{t('settings.appearance')}</Item>
              </TabList>
              <TabPanels>
                <Item key="connections">
                  <ConnectionsPanel api={api} />
                </Item>
                <Item key="catalog">
                  <CatalogPanel api={api} />
                </Item>
                <Item key="appearance">
                  <AppearancePanel />
                </Item>
              </TabPanels>
            </Tabs>
          </Content>
        </Dialog>
      )}
    </DialogTrigger>
  );
}
