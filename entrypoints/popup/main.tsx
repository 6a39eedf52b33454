import { createRoot } from 'react-dom/client';
import { createClient } from '@/lib/messaging/protocol';
import { openOptions, openUrl, sendMessage, targetTabId } from '@/lib/platform/runtime';
import { catalogItem, draftItem } from '@/lib/platform/storage';
import { createPopupStore } from '@/stores/popup';
import { App } from './App';
import '@/components/styles.css';

const store = createPopupStore({
  client: createClient(sendMessage),
  readCatalog: () => catalogItem.getValue(),
  readDraft: () => draftItem.getValue(),
  writeDraft: (draft) => draftItem.setValue(draft),
  tabId: targetTabId(location.search),
  now: () => Date.now(),
});
store.getState().start();

createRoot(document.getElementById('root') as HTMLElement).render(
  <App store={store} openUrl={(url) => void openUrl(url)} openOptions={() => void openOptions()} />,
);
