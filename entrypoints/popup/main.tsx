import { createRoot } from 'react-dom/client';
import { createClient } from '@/lib/messaging/protocol';
import { openOptions, openUrl, sendMessage, tabUrl, targetTabId } from '@/lib/platform/runtime';
import { catalogItem, draftShelf, historyItem, readSettings, replyShelf, reportItem, snapshotItem } from '@/lib/platform/storage';
import { createDrafts } from '@/lib/requests/draft';
import { createPopupStore } from '@/stores/popup';
import { createRequestsStore } from '@/stores/requests';
import { App } from './App';
import '@/components/styles.css';

const params = new URLSearchParams(location.search);
if (params.has('report') || params.has('tab') || location.hash) document.body.classList.add('in-window');
const client = createClient(sendMessage);
const store = createPopupStore({
  client,
  readCatalog: () => catalogItem.getValue(),
  drafts: createDrafts(draftShelf, () => Date.now()),
  readSettings,
  readHistory: () => historyItem.getValue(),
  writeHistory: (history) => historyItem.setValue(history),
  pageUrl: () => tabUrl(targetTabId(location.search)),
  tabId: targetTabId(location.search),
  now: () => Date.now(),
  initialTab: location.hash === '#requests' ? 'requests' : 'new',
  ...(params.has('report')
    ? { readReport: () => reportItem.getValue(), clearReport: () => reportItem.setValue(null) }
    : {}),
});
const requests = createRequestsStore({ client, readSnapshot: () => snapshotItem.getValue(), replies: replyShelf, now: () => Date.now() });
void store.getState().start();
void requests.getState().start();

createRoot(document.getElementById('root') as HTMLElement).render(
  <App store={store} requests={requests} now={() => Date.now()} openUrl={(url) => void openUrl(url)} openOptions={() => void openOptions()} />,
);
