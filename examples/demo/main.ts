import { createCrm, formatTaxId, type Client, type Order } from '../../src/index.ts';
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

/** A first visit gets the rule templates (disabled: dry-run them, then enable) and a sales pipeline, named in the page's language. */
async function prepareStore(): Promise<void> {
  const w = words();
  if (!(await crm.rules.list()).length) {
    for (const template of await crm.rules.templates()) await crm.rules.create({ ...template.rule, name: w.ruleNames[template.key] ?? template.rule.name });
  }
  if (!(await crm.pipelines.list()).length) await crm.pipelines.create({ name: w.salesPipeline, stages: w.stages.split(',').map((name) => ({ name })) });
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
let opened: Client | undefined;

/** "Opened Alza.cz a.s., CZ27082440 (Client: 2)" in the page's language (`crm.clients.label` is English). */
function renderOpened(): void {
  if (!opened) return;
  const w = words();
  const taxId = opened.taxId ? `, ${formatTaxId(opened.taxId)}` : '';
  $('#opened').textContent = `${w.opened} ${opened.name}${taxId} (${w.clientNumber.replace('{n}', String(opened.number))})`;
}

async function openClient(event: { clientId: string }): Promise<void> {
  const client = await crm.clients.get(event.clientId);
  opened = client;
  renderOpened();
  document.querySelector('kt-client-card')!.clientId = client.id;
  $('#card-section').hidden = false;
  $('#card-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
}
document.querySelector('kt-client-table')!.addEventListener('kt-client-open', (event) => void openClient(event));
document.querySelector('kt-pipeline-board')!.addEventListener('kt-client-open', (event) => void openClient(event));

$('#open-import').addEventListener('click', () => $<HTMLDialogElement>('#import-dialog').showModal());
$('#open-export').addEventListener('click', () => $<HTMLDialogElement>('#export-dialog').showModal());

const language = $<HTMLSelectElement>('#language');
const theme = $<HTMLSelectElement>('#theme');
/** A first visit speaks the browser's language when the demo has it. */
const offered = [...language.options].map((option) => option.value);
const browserLanguage = navigator.languages.map((tag) => tag.split('-')[0]!.toLowerCase()).find((tag) => offered.includes(tag));
language.value = localStorage.getItem('kartoteka-demo-lang') ?? browserLanguage ?? 'en';
theme.value = localStorage.getItem('kartoteka-demo-theme') ?? '';
function applyPreferences(): void {
  document.documentElement.lang = language.value;
  translatePage(language.value);
  renderOpened();
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
