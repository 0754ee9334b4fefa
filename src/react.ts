/**
 * React wrappers (made with `@lit/react`) for the elements. The elements arrive with the elements
 * issue; until then this entry re-exports the class entry so the `./react` export resolves.
 */
export * from './index.js';
