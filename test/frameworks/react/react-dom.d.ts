// react-dom 19 ships no types and @types/react-dom is not installed: the two calls the app makes.
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}

declare module 'react-dom' {
  export const version: string;
}
