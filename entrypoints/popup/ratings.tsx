// Wiring: the ratings store to its prompts, shown at the top of My requests.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { RatingPrompt } from '@/components/popup/RatingPrompt';
import type { RatingsStore } from '@/stores/ratings';

export function RatingPrompts({ store }: { store: RatingsStore }) {
  const r = useStore(store);
  useEffect(() => void store.getState().load(), [store]);
  if (r.asks.length === 0) return null;
  return (
    <div className="ratings">
      {r.asks.map((ask) => (
        <RatingPrompt
          key={ask.key}
          ask={ask}
          question={r.question}
          score={r.drafts[ask.key]?.score}
          comment={r.drafts[ask.key]?.comment ?? ''}
          sending={r.sending === ask.key}
          result={r.results[ask.key]}
          error={r.errors[ask.key]}
          focus={r.focus === ask.key}
          onPick={(score) => r.pick(ask.key, score)}
          onComment={(text) => r.setComment(ask.key, text)}
          onSend={() => void r.send(ask.key)}
          onDismiss={() => void r.dismiss(ask.key)}
          onRetry={() => void r.retry(ask.key)}
          onDiscard={() => void r.discard(ask.key)}
        />
      ))}
    </div>
  );
}
