// What every suite that writes to the demo scenario does around its tests: sign in before, and
// put the scenario back afterwards so the next suite starts from the README's state.
import type { ExtensionApi } from '../../../src/extension';
import { signedInAndLoaded } from './extensionApi';
import { resetDemo } from './userInput';

/** The demo's "Contoso Batch Production" subscription, where most demo resources live. */
export const PRODUCTION_SUBSCRIPTION = '11111111-aaaa-4bbb-8ccc-000000000001';

/** Registers the suite's hooks; `use` receives the signed-in extension API before the first test. */
export function signedInDemoSuite(use: (api: ExtensionApi) => void): void {
  let api: ExtensionApi | undefined;
  before(async () => {
    api = await signedInAndLoaded();
    use(api);
  });
  after(async () => {
    if (api) await resetDemo(api);
  });
}
