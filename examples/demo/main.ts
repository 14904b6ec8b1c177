import { createCrm } from '../../src/index.ts';
import { indexedDbAdapter, requestPersistentStorage } from '../../adapters/indexeddb/index.ts';
import '../../components/define/all.ts';

/** Minor units to a localised amount, with the currency's own number of decimals. */
function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const storage = indexedDbAdapter({
  name: 'kartoteka-demo',
  onVersionChange: (notice) => {
    if (notice.type === 'versionchange') $('#store').textContent = 'A newer Kartoteka opened in another tab: reload this page.';
  },
});
const crm = await createCrm({ storage, settings: { autoCreateClients: true } });
const { persisted } = await requestPersistentStorage();
$('#store').textContent = `An embedded B2B CRM running in this page, stored in this browser (IndexedDB${persisted ? ', persistent' : ''}): no server.`;
document.querySelector('kt-crm-provider')!.crm = crm;

async function renderSampleButtons(): Promise<void> {
  const hasSample = await crm.sampleData.has();
  $('#insert-sample').hidden = hasSample;
  $('#remove-sample').hidden = !hasSample;
}

async function renderUnlinked(): Promise<void> {
  const unlinked = (await crm.orders.list({ linked: false })).items.map((order) => {
    const item = document.createElement('li');
    item.textContent = `${order.number ?? order.id} — ${order.billing.company ?? order.billing.name} — ${money(order.total, order.currency)}`;
    return item;
  });
  $('#unlinked').replaceChildren(...unlinked);
}

/** Runs a long action with its button disabled and the status line saying what happens. */
async function busy(button: HTMLButtonElement, message: string, action: () => Promise<unknown>) {
  button.disabled = true;
  $('#status').textContent = message;
  try {
    await action();
    $('#status').textContent = '';
  } finally {
    button.disabled = false;
    await Promise.all([renderSampleButtons(), renderUnlinked()]);
  }
}
$<HTMLButtonElement>('#insert-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, 'Inserting sample data…', () => crm.sampleData.insert()),
);
$<HTMLButtonElement>('#remove-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, 'Removing sample data…', () => crm.sampleData.remove()),
);
document.querySelector('kt-client-table')!.addEventListener('kt-client-open', async (event) => {
  const client = await crm.clients.get(event.clientId);
  $('#opened').textContent = `Opened ${crm.clients.label(client)}`;
});

const language = $<HTMLSelectElement>('#language');
const theme = $<HTMLSelectElement>('#theme');
language.value = localStorage.getItem('kartoteka-demo-lang') ?? 'en';
theme.value = localStorage.getItem('kartoteka-demo-theme') ?? '';
function applyPreferences(): void {
  document.documentElement.lang = language.value;
  document.documentElement.style.colorScheme = theme.value || 'light dark';
  localStorage.setItem('kartoteka-demo-lang', language.value);
  localStorage.setItem('kartoteka-demo-theme', theme.value);
}
language.addEventListener('change', applyPreferences);
theme.addEventListener('change', applyPreferences);
applyPreferences();

await Promise.all([renderSampleButtons(), renderUnlinked()]);
