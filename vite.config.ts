import { defineConfig } from 'vite';

// `npm start` serves demo/ with msw's worker from public/ (the sandbox runs in the page).
export default defineConfig({
  root: 'demo',
  publicDir: '../public',
  server: { port: 5173, host: '127.0.0.1' },
});
