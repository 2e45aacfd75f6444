/** jsdom has no TextEncoder/TextDecoder; a web test importing server code (jose) takes Node's. Import it first. */
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });
