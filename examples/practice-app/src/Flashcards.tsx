import { getOwn, type RecallRating, useLearner, useRecord } from '@pacekit/react';
import { useState } from 'react';
import { flashcards } from './course';

/** The four FSRS ratings, in a child's words. */
const RATINGS: [RecallRating, string][] = [
  ['again', 'Forgot'],
  ['hard', 'Hard'],
  ['good', 'Got it'],
  ['easy', 'Easy'],
];

/**
 * The flashcard deck: turn a card over, then say how well you remembered it (an FSRS review).
 * "Got it" and "Easy" count as right, as a right typed answer does in the practice box.
 */
export function Flashcards() {
  const record = useRecord();
  const learnerId = useLearner((s) => s.learnerId);
  const [flipped, setFlipped] = useState<string | null>(null);
  const items = useLearner((s) => s.items);
  return (
    <ul className="cards">
      {[...flashcards].map(([id, card]) => {
        const seen = getOwn(items, id);
        const open = flipped === id;
        return (
          <li key={id} data-testid={`card-${id}`}>
            <button
              type="button"
              className="card"
              aria-expanded={open}
              onClick={() => setFlipped(open ? null : id)}
            >
              <span className="front">{card.front}</span>
              {open ? <span className="back">{card.back}</span> : <small>Tap to see the answer</small>}
            </button>
            <fieldset className="rate" disabled={!open}>
              <legend className="visually-hidden">How well did you remember “{card.front}”?</legend>
              <span className="hint" aria-hidden="true">
                {open ? 'How well did you remember it?' : 'Turn the card over first.'}
              </span>
              {RATINGS.map(([rating, words]) => (
                <button
                  key={rating}
                  type="button"
                  data-rating={rating}
                  aria-label={`${words}: ${card.front}`}
                  onClick={async () => {
                    await record({
                      type: 'review',
                      id: crypto.randomUUID(),
                      learnerId,
                      at: Date.now(),
                      itemId: id,
                      rating,
                    });
                    setFlipped(null);
                  }}
                >
                  {words}
                </button>
              ))}
              <small>{seen ? `seen ${seen.attempts}×` : 'new'}</small>
            </fieldset>
          </li>
        );
      })}
    </ul>
  );
}
