/**
 * A small Vue 3 app using the custom elements directly (no wrappers). Its template
 * (checkout-page.html) is compiled at build time with `compilerOptions.isCustomElement`, as an SFC's
 * is; the app is built with Vue's development checks on, so the test can assert Vue reported no
 * warning (without isCustomElement Vue warns "Failed to resolve component: checkout-button").
 *
 * In the template, `.order` sets the property (an object never goes through an attribute);
 * `token-url` and the `-id` bindings have no DOM property of that name, so Vue sets attributes;
 * Vue sets the other bindings as properties (`:amount` stays a number).
 */
import { createApp, defineComponent, ref, version, type GlobalComponents } from 'vue';
import '../../../src/define.js';
import type { CheckoutButtonVueProps } from '../../../src/vue-types.js';
import { paidText, type FrameworkAppModule, type FrameworkAppOptions } from '../app-contract.js';
import { render } from './checkout-page.html?vue-template';

/** What Vue's template type checker allows on a tag: read through `GlobalComponents`, as vue-tsc does. */
export type TemplateProps<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

function checkoutPage(options: FrameworkAppOptions) {
  return defineComponent({
    render,
    setup() {
      const result = ref('Not paid yet');
      // Checked by tsc against the tag's Vue types (src/vue-types.ts), as the template is by vue-tsc.
      const button = {
        provider: 'kamipay',
        tokenUrl: options.tokenUrl,
        amount: 1250,
        currency: 'BRL',
        storeId: 1,
        checkoutId: 1,
        locale: 'en',
        description: 'Vue order',
        order: options.order,
      } satisfies TemplateProps<'checkout-button'>;
      const onSuccess: NonNullable<CheckoutButtonVueProps['onCheckoutSuccess']> = (event) => {
        options.onPaid(event.detail);
        result.value = paidText(event.detail);
      };
      const onError: NonNullable<CheckoutButtonVueProps['onCheckoutError']> = (event) => {
        result.value = `Error ${event.detail.code}`;
      };
      return { button, result, onSuccess, onError };
    },
  });
}

export const frameworkVersion: string = version;

export const mount: FrameworkAppModule['mount'] = (container, options) => {
  const app = createApp(checkoutPage(options));
  app.config.warnHandler = (message) => options.onWarning?.(message);
  app.mount(container);
  return () => app.unmount();
};
