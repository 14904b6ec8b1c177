import { createCrm, formatTaxId, type Order } from '../../src/index.ts';
import { indexedDbAdapter, requestPersistentStorage } from '../../adapters/indexeddb/index.ts';
import '../../components/define/all.ts';
import { strings, translatePage } from './strings.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const words = () => strings(document.documentElement.lang);

/** Minor units to a localised amount, with the currency's own number of decimals. */
function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

const storage = indexedDbAdapter({
  name: 'kartoteka-demo',
  onVersionChange: (notice) => {
    if (notice.type === 'versionchange') $('#store').textContent = words().reload;
  },
});
const crm = await createCrm({ storage, settings: { autoCreateClients: true } });
await requestPersistentStorage();
document.querySelector('kt-crm-provider')!.crm = crm;

/** A first visit gets the rule templates (disabled: dry-run them, then enable) and a sales pipeline. */
async function prepareStore(): Promise<void> {
  if (!(await crm.rules.list()).length) for (const template of await crm.rules.templates()) await crm.rules.create(template.rule);
  if (!(await crm.pipelines.list()).length) {
    const w = words();
    await crm.pipelines.create({ name: w.salesPipeline, stages: w.stages.split(',').map((name) => ({ name })) });
  }
  await crm.rules.runDaily();
}


async function renderSampleButtons(): Promise<void> {
  const hasSample = await crm.sampleData.has();
  $('#insert-sample').hidden = hasSample;
  $('#remove-sample').hidden = !hasSample;
}

// ——— orders: the shop's side, where the picker lives ———

let ordersTicket = 0;
let shownOrderId: string | undefined;

/** The orders list: full-text search (K1), tax ID in any formatting (B19), or the newest. */
async function renderOrders(): Promise<void> {
  const ticket = ++ordersTicket;
  const text = $<HTMLInputElement>('#order-search').value.trim();
  const taxId = $<HTMLInputElement>('#order-tax-id').value.trim();
  const unlinked = $<HTMLInputElement>('#order-unlinked').checked;
  let orders: Order[];
  try {
    if (text) orders = await crm.orders.search(text, { limit: 50 });
    else orders = (await crm.orders.list({ ...(taxId ? { taxId } : {}), ...(unlinked ? { linked: false } : {}), limit: 50 })).items;
  } catch {
    orders = [];
  }
  if (text && unlinked) orders = orders.filter((order) => !order.clientId);
  if (ticket !== ordersTicket) return;
  const rows = orders.map((order) => {
    const row = document.createElement('tr');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = order.number ?? order.id;
    open.addEventListener('click', () => void showOrder(order.id));
    const cells = [open, new Date(order.createdAt).toLocaleDateString(document.documentElement.lang), order.billing.company ?? order.billing.name ?? '', money(order.total, order.currency), order.clientId ? '✓' : '—'];
    for (const content of cells) row.insertCell().append(content);
    if (order.id === shownOrderId) row.className = 'current';
    return row;
  });
  $('#orders tbody').replaceChildren(...rows);
}

async function showOrder(orderId: string): Promise<void> {
  shownOrderId = orderId;
  const order = await crm.orders.get(orderId);
  // Another order was opened while this one loaded: that one shows.
  if (shownOrderId !== orderId) return;
  $('#order-detail').hidden = false;
  $('#order-title').textContent = `${words().order} ${order.number ?? order.id}`;
  const { billing } = order;
  const w = words();
  const lines: [string, string | undefined][] = [
    [w.company, billing.company],
    [w.name, billing.name],
    [w.taxId, billing.taxId && formatTaxId(billing.taxId)],
    [w.email, billing.email],
    [w.total, money(order.total, order.currency)],
  ];
  $('#order-billing').replaceChildren(
    ...lines.filter(([, value]) => value).flatMap(([label, value]) => {
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = label;
      dd.textContent = value!;
      return [dt, dd];
    }),
  );
  const picker = document.querySelector('kt-client-picker')!;
  picker.value = order.clientId ?? '';
  picker.orderId = order.id;
  await renderOrders();
}

let ordersTimer: ReturnType<typeof setTimeout> | undefined;
const scheduleOrders = () => {
  clearTimeout(ordersTimer);
  ordersTimer = setTimeout(() => void renderOrders(), 80);
};
for (const id of ['#order-search', '#order-tax-id']) $(id).addEventListener('input', scheduleOrders);
$('#order-unlinked').addEventListener('change', scheduleOrders);
crm.on('*', (event) => {
  if (event.type.startsWith('order.')) scheduleOrders();
  if (event.type === 'order.updated' && event.order.id === shownOrderId) void showOrder(event.order.id);
});

// ——— sample data, language, theme ———

/** Runs a long action with its button disabled and the status line saying what happens. */
async function busy(button: HTMLButtonElement, message: string, action: () => Promise<unknown>) {
  button.disabled = true;
  $('#status').textContent = message;
  try {
    await action();
    $('#status').textContent = '';
  } finally {
    button.disabled = false;
    await Promise.all([renderSampleButtons(), renderOrders()]);
  }
}
$<HTMLButtonElement>('#insert-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, words().inserting, () => crm.sampleData.insert()),
);
$<HTMLButtonElement>('#remove-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, words().removing, async () => {
    await crm.sampleData.remove();
    $('#order-detail').hidden = true;
    $('#card-section').hidden = true;
    shownOrderId = undefined;
  }),
);
async function openClient(event: { clientId: string }): Promise<void> {
  const client = await crm.clients.get(event.clientId);
  $('#opened').textContent = `${words().opened} ${crm.clients.label(client)}`;
  const card = document.querySelector('kt-client-card')!;
  card.clientId = client.id;
  $('#card-section').hidden = false;
  $('#card-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
  // The user asked for this client: the next Tab goes on in the card, not back in the list.
  card.focus({ preventScroll: true });
}
document.querySelector('kt-client-table')!.addEventListener('kt-client-open', (event) => void openClient(event));
document.querySelector('kt-pipeline-board')!.addEventListener('kt-client-open', (event) => void openClient(event));

$('#open-import').addEventListener('click', () => $<HTMLDialogElement>('#import-dialog').showModal());
$('#open-export').addEventListener('click', () => $<HTMLDialogElement>('#export-dialog').showModal());

const language = $<HTMLSelectElement>('#language');
const theme = $<HTMLSelectElement>('#theme');
language.value = localStorage.getItem('kartoteka-demo-lang') ?? 'en';
theme.value = localStorage.getItem('kartoteka-demo-theme') ?? '';
function applyPreferences(): void {
  document.documentElement.lang = language.value;
  translatePage(language.value);
  if (shownOrderId) void showOrder(shownOrderId);
  else void renderOrders();
  document.documentElement.style.colorScheme = theme.value || 'light dark';
  localStorage.setItem('kartoteka-demo-lang', language.value);
  localStorage.setItem('kartoteka-demo-theme', theme.value);
}
language.addEventListener('change', applyPreferences);
theme.addEventListener('change', applyPreferences);
// Also draws the orders.
applyPreferences();

await Promise.all([prepareStore(), renderSampleButtons()]);
