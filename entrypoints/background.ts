import { createHandlers } from '@/lib/background/handlers';
import { createRouter, isOwnPage } from '@/lib/messaging/router';
import { captureTab } from '@/lib/platform/capture';
import { extensionIdentity, hasOrigin, onMessage } from '@/lib/platform/runtime';
import { catalogItem, desksItem } from '@/lib/platform/storage';

export default defineBackground(() => {
  const { id, origin } = extensionIdentity();
  const handlers = createHandlers({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    desks: desksItem,
    catalog: catalogItem,
    capture: captureTab,
    hasOrigin,
  });
  onMessage(createRouter(handlers, (sender) => isOwnPage(sender, id, origin)));
});
