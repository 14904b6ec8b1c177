// The page's own module, in a file of its own: the page's Content-Security-Policy allows no inline script.
import { createCrm, indexedDbAdapter } from '../../dist/kartoteka-elements.js';

const crm = await createCrm({ storage: indexedDbAdapter({ name: 'kartoteka-plain-example' }), settings: { autoCreateClients: true } });
if (!(await crm.sampleData.has())) await crm.sampleData.insert();
document.querySelector('kt-crm-provider').crm = crm;
document.querySelector('kt-client-table').addEventListener('kt-client-open', async ({ clientId }) => {
  document.querySelector('output').value = crm.clients.label(await crm.clients.get(clientId));
});
