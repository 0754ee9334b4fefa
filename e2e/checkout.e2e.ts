import { beforeEach } from 'node:test';
import { useHarness } from './harness.js';
import { demoPageSuite } from './suites/demo-page.js';
import { examplesSuite } from './suites/examples.js';
import { hostedProviderSuites } from './suites/hosted-providers.js';
import { qrProviderSuites } from './suites/qr-providers.js';

/**
 * The end-to-end run: one demo server (what `npm start` serves) and one Chromium for every test,
 * each test in its own browser context over a fresh sandbox.
 */
const harness = useHarness();

beforeEach(() => harness.sandbox.reset());

demoPageSuite(harness);
qrProviderSuites(harness);
hostedProviderSuites(harness);
examplesSuite(harness);
