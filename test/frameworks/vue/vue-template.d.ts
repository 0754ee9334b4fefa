// A template compiled at build time by scripts/build-framework-apps.mjs (`import { render } from './x.html?vue-template'`).
declare module '*?vue-template' {
  import type { RenderFunction } from 'vue';

  export const render: RenderFunction;
}
