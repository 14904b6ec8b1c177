import { createCrm, type Client, type Crm } from '../../src/index.ts';
import { indexedDbAdapter, requestPersistentStorage } from '../../adapters/indexeddb/index.ts';

/** Minor units to a localised amount, with the currency's own number of decimals. */
function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

let latestRender = 0;

async function render(crm: Crm, query: string): Promise<void> {
  // Typing starts renders faster than they finish: only the newest may paint.
  const ticket = ++latestRender;
  const clients = query ? await crm.clients.search(query, { limit: 100 }) : (await crm.clients.list({ sort: { by: 'name' }, limit: 100 })).items;
  const statuses = new Map((await crm.statuses.list()).map((s) => [s.id, s]));
  const rows = await Promise.all(
    clients.map(async (client: Client) => {
      const row = document.createElement('tr');
      const status = client.statusId ? statuses.get(client.statusId) : undefined;
      const orders = (await crm.orders.list({ clientId: client.id, limit: 1000 })).items.length;
      const cells = [crm.clients.label(client), status?.name ?? '—', client.lifecycle, client.emails[0] ?? '—', String(orders)];
      for (const [i, text] of cells.entries()) {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        if (i === 1 && status?.color) {
          const swatch = cell.appendChild(document.createElement('span'));
          swatch.className = 'swatch';
          swatch.style.background = status.color;
        }
        cell.append(text);
        row.append(cell);
      }
      return row;
    }),
  );
  if (ticket !== latestRender) return;
  $('#clients tbody').replaceChildren(...rows);
  $('#clients').hidden = rows.length === 0;
  $('#status').textContent = rows.length
    ? `${rows.length} client(s)`
    : query
      ? `No client matches “${query}”.`
      : 'No clients yet. Insert the sample data to see Kartoteka at work, or feed it your orders through the SDK.';
  const hasSample = await crm.sampleData.has();
  $('#insert-sample').hidden = hasSample;
  $('#remove-sample').hidden = !hasSample;

  const unlinked = (await crm.orders.list({ linked: false })).items.map((order) => {
    const item = document.createElement('li');
    item.textContent = `${order.number ?? order.id} — ${order.billing.company ?? order.billing.name} — ${money(order.total, order.currency)}`;
    return item;
  });
  $('#unlinked').replaceChildren(...unlinked);
}

const storage = indexedDbAdapter({
  name: 'kartoteka-demo',
  onVersionChange: (notice) => {
    if (notice.type === 'versionchange') $('#store').textContent = 'A newer Kartoteka opened in another tab: reload this page.';
  },
});
const crm = await createCrm({ storage, settings: { autoCreateClients: true } });
const { persisted } = await requestPersistentStorage();
$('#store').textContent = `An embedded B2B CRM running in this page, stored in this browser (IndexedDB${persisted ? ', persistent' : ''}): no server.`;
let query = '';

/** Runs a long action with its button disabled and the status line saying what happens. */
async function busy(button: HTMLButtonElement, message: string, action: () => Promise<unknown>) {
  button.disabled = true;
  $('#status').textContent = message;
  try {
    await action();
  } finally {
    button.disabled = false;
    await render(crm, query);
  }
}
$<HTMLButtonElement>('#insert-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, 'Inserting sample data…', () => crm.sampleData.insert()),
);
$<HTMLButtonElement>('#remove-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, 'Removing sample data…', () => crm.sampleData.remove()),
);
$('#search').addEventListener('input', (event) => {
  query = (event.target as HTMLInputElement).value.trim();
  void render(crm, query);
});
await render(crm, query);
