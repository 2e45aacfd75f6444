/** asl-validator ships no type declarations; this is the part the tests use. */
declare module 'asl-validator' {
  export default function aslValidator(definition: unknown): {
    isValid: boolean;
    errors: unknown[];
    errorsText: (separator?: string) => string;
  };
}
