import { z } from 'zod';

/** A probability: a finite number in [0, 1]. */
export const probability = z.number().min(0).max(1);
