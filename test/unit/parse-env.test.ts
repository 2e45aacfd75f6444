import * as z from 'zod/mini';
import { parseEnv } from '../../shared/config/env';

// This file loads zod's tree-shakable API alone (no classic schema is imported), as a lean function's bundle does:
// the messages must still name the variable and the rule in English.
describe('parseEnv', () => {
  const shape = {
    TABLE: z.string().check(z.minLength(1)),
    DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 30),
  };

  it('reads the variables, coerced and defaulted', () => {
    expect(parseEnv(shape, { TABLE: 'main', DAYS: '5', OTHER: 'x' })).toEqual({ TABLE: 'main', DAYS: 5 });
    expect(parseEnv(shape, { TABLE: 'main' })).toEqual({ TABLE: 'main', DAYS: 30 });
  });

  it('names every missing or malformed variable with its rule, and stops', () => {
    expect(() => parseEnv(shape, { DAYS: '-2' })).toThrow(
      /^Invalid environment: TABLE: Invalid input: expected string, received undefined; DAYS: Too small: expected number to be >0$/,
    );
    expect(() => parseEnv(shape, { TABLE: '' })).toThrow(/TABLE: Too small: expected string to have >=1 characters/);
  });
});
