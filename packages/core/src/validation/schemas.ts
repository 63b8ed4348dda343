import * as z from 'zod/mini';

/** A probability: a finite number in [0, 1]. */
export const probability = z.number().check(z.gte(0), z.lte(1));

/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `s` is {@link text}: no NUL character, no unpaired surrogate. @internal */
export const isText = (s: string): boolean => !s.includes('\0') && !LONE_SURROGATE.test(s);

/**
 * Text that every storage can keep as it is: no NUL character (PostgreSQL's text and jsonb refuse
 * it) and no half of a surrogate pair (not Unicode; JSON encoders and databases disagree on it).
 */
export const text = z.string().check(
  z.refine(isText, {
    message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
  }),
);

/**
 * An id — of a learner, skill, item, event, goal: 1 to 200 characters of {@link text}. Ids are
 * data, and any string works as one (`constructor` and `toString` included) except `__proto__`,
 * which JavaScript records cannot hold as an ordinary key and which is refused rather than
 * silently lost.
 */
export const id = text.check(
  z.minLength(1),
  z.maxLength(200),
  z.refine((s) => s !== '__proto__', { message: '"__proto__" cannot be an id' }),
);
