import {
  getOwn,
  PacekitContext,
  type Pacer,
  teacherOf,
  useLearner,
  useMastery,
  useRecord,
  useUndo,
} from '@pacekit/react';
import { useContext, useId, useState } from 'react';
import { items, questionFor, skillName, skills } from './course';
import { percent } from './words';

/** What a teacher can pin per skill: its questions and flashcards (the worked example comes by itself). */
const PINNABLE: ReadonlyMap<string, string[]> = new Map(
  skills.map((s) => [
    s.id,
    items.filter((i) => i.skills.includes(s.id) && i.modality !== 'worked-example').map((i) => i.id),
  ]),
);

/** One skill in the teacher view: the model's estimate, and the teacher's actions. */
function TeacherRow({ skillId, pacer }: { skillId: string; pacer: Pacer }) {
  const record = useRecord();
  const ids = useId();
  const { pMastery, mastered, attempts } = useMastery(skillId);
  const learnerId = useLearner((s) => s.learnerId);
  const marked = useLearner((s) => getOwn(s.skills, skillId)?.override === 'mastered');
  const needsHelp = useLearner((s) => pacer.needsHelp(s).some((h) => h.skillId === skillId));
  const pinnable = PINNABLE.get(skillId)!;
  const pins = useLearner((s) => s.pinned);
  const pinned = pinnable.filter((id) => pins.includes(`item:${id}`));
  const [toPin, setToPin] = useState(pinnable[0]!);
  const undo = useUndo();
  const store = useContext(PacekitContext)?.store;
  const name = skillName(skillId);
  // Undo the latest mark of this skill: the state becomes as if it had never been marked.
  const undoMark = () => {
    const mark = [...(store?.events() ?? [])]
      .reverse()
      .find((e) => e.type === 'override' && e.action === 'mark-mastered' && e.skillId === skillId);
    if (mark) void undo(mark.id);
  };
  const override = (
    action: 'mark-mastered' | 'pin' | 'unpin',
    target: { skillId: string } | { itemId: string },
  ) =>
    record({
      type: 'override',
      id: crypto.randomUUID(),
      learnerId,
      at: Date.now(),
      action,
      ...target,
      by: 'teacher',
    });
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{percent(pMastery)}</td>
      <td>{attempts}</td>
      <td>{needsHelp ? 'needs help' : marked ? 'marked mastered' : mastered ? 'mastered' : 'learning'}</td>
      <td className="actions">
        {marked ? (
          <button type="button" data-testid={`unmark-${skillId}`} onClick={undoMark}>
            Undo mark<span className="visually-hidden">: {name}</span>
          </button>
        ) : (
          <button
            type="button"
            data-testid={`mark-${skillId}`}
            onClick={() => override('mark-mastered', { skillId })}
          >
            Mark mastered<span className="visually-hidden">: {name}</span>
          </button>
        )}
        <label htmlFor={`${ids}-pin`} className="visually-hidden">
          Question of {name} to pin
        </label>
        <select
          id={`${ids}-pin`}
          data-testid={`pin-item-${skillId}`}
          value={toPin}
          onChange={(e) => setToPin(e.target.value)}
        >
          {pinnable.map((id) => (
            <option key={id} value={id}>
              {questionFor(id).prompt}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid={`pin-${skillId}`}
          onClick={() => override('pin', { itemId: toPin })}
        >
          Pin<span className="visually-hidden"> the chosen question of {name}</span>
        </button>
        {pinned.map((id) => (
          <button
            key={id}
            type="button"
            data-testid={`unpin-${id}`}
            onClick={() => override('unpin', { itemId: id })}
          >
            Unpin “{questionFor(id).prompt}”
          </button>
        ))}
      </td>
    </tr>
  );
}

/** Notes a teacher keeps on this learner, and a form to add one. */
function Notes() {
  const record = useRecord();
  const ids = useId();
  const learnerId = useLearner((s) => s.learnerId);
  const notes = useLearner((s) => teacherOf(s).notes);
  const [text, setText] = useState('');
  return (
    <div className="notes">
      <ul data-testid="notes">
        {notes.map((n) => (
          <li key={n.at}>
            {new Date(n.at).toLocaleDateString()}: {n.text}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!text.trim()) return;
          await record({
            type: 'override',
            id: crypto.randomUUID(),
            learnerId,
            at: Date.now(),
            action: 'note',
            note: text.trim(),
            by: 'teacher',
          });
          setText('');
        }}
      >
        <label htmlFor={`${ids}-note`}>Note</label>
        <input
          id={`${ids}-note`}
          data-testid="note-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" data-testid="add-note">
          Add note
        </button>
      </form>
    </div>
  );
}

/** The teacher's view of the learner of this page: notes, and per skill the estimate and actions. */
export function TeacherView({ pacer }: { pacer: Pacer }) {
  return (
    <>
      <Notes />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard. */}
      <section className="table-scroll" aria-label="This learner's skills" tabIndex={0}>
        <table data-testid="teacher">
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">P(mastered)</th>
              <th scope="col">Attempts</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((s) => (
              <TeacherRow key={s.id} skillId={s.id} pacer={pacer} />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
