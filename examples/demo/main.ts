import { createCrm, formatTaxId, type Client, type Order, type SeedLanguage } from '../../src/index.ts';
import { indexedDbAdapter, requestPersistentStorage } from '../../adapters/indexeddb/index.ts';
import '../../components/define/all.ts';
import { counted, removalSummary, strings, translatePage } from './strings.ts';

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
    // Until the page is translated below, once the CRM has opened.
    if (notice.type === 'upgrading') $('#store').textContent = words().upgrading;
  },
});
const language = $<HTMLSelectElement>('#language');
/** The language chosen before, else the browser's when the demo has it: a new store's statuses and stars are named in it. */
const offered = [...language.options].map((option) => option.value);
const browserLanguage = navigator.languages.map((tag) => tag.split('-')[0]!.toLowerCase()).find((tag) => offered.includes(tag));
const saved = localStorage.getItem('kartoteka-demo-lang');
const firstLanguage = ((saved && offered.includes(saved) ? saved : undefined) ?? browserLanguage ?? 'en') as SeedLanguage;
// Settings are set once, on the first visit (below): passed here, they would undo the settings panel's changes at every load.
const crm = await createCrm({ storage, language: firstLanguage });
await requestPersistentStorage();
document.querySelector('kt-crm-provider')!.crm = crm;

/**
 * A first visit gets the settings of a Czech shop that lets orders create their clients, the rule
 * templates (disabled: dry-run them, then enable) and a sales pipeline, named in the page's language.
 */
async function prepareStore(): Promise<void> {
  const w = words();
  const firstVisit = !(await crm.pipelines.list()).length;
  // The settings first: the templates' amounts are in the currency of the shop's country (CZK).
  if (firstVisit) await crm.settings.update({ autoCreateClients: true, defaultCountry: 'CZ' });
  if (!(await crm.rules.list()).length) {
    for (const template of await crm.rules.templates({ language: firstLanguage })) await crm.rules.create(template.rule);
  }
  if (firstVisit) await crm.pipelines.create({ name: w.salesPipeline, stages: w.stages.split(',').map((name) => ({ name })) });
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
/** How many orders the list shows; "Show more" adds a page. */
const ORDERS_PAGE = 50;
let ordersShown = ORDERS_PAGE;

/** The orders list: full-text search (K1), tax ID in any formatting (B19), or the newest. */
async function renderOrders(): Promise<void> {
  const ticket = ++ordersTicket;
  const text = $<HTMLInputElement>('#order-search').value.trim();
  const taxId = $<HTMLInputElement>('#order-tax-id').value.trim();
  const unlinked = $<HTMLInputElement>('#order-unlinked').checked;
  // One more than shown tells whether there are more; the SDK's largest pages: 500 found by a search, 1,000 listed.
  const limit = Math.min(ordersShown + 1, text ? 500 : 1000);
  let orders: Order[];
  try {
    if (text) orders = await crm.orders.search(text, { limit });
    else orders = (await crm.orders.list({ ...(taxId ? { taxId } : {}), ...(unlinked ? { linked: false } : {}), limit })).items;
  } catch {
    orders = [];
  }
  const more = orders.length > ordersShown;
  orders = orders.slice(0, ordersShown);
  if (text && unlinked) orders = orders.filter((order) => !order.clientId);
  const clientIds = [...new Set(orders.flatMap((order) => (order.clientId ? [order.clientId] : [])))];
  const clients = new Map((await Promise.all(clientIds.map((id) => crm.clients.get(id).catch(() => undefined)))).flatMap((client) => (client ? [[client.id, client] as const] : [])));
  if (ticket !== ordersTicket) return;
  const w = words();
  const rows = orders.map((order) => {
    const row = document.createElement('tr');
    const client = order.clientId === undefined ? undefined : clients.get(order.clientId);
    const cells = [
      linkButton(order.number ?? order.id, () => void openOrder(order.id)),
      new Date(order.createdAt).toLocaleDateString(document.documentElement.lang),
      order.billing.company ?? order.billing.name ?? '',
      money(order.total, order.currency),
      client ? linkButton(client.name, () => void openClient({ clientId: client.id })) : '—',
    ];
    for (const content of cells) row.insertCell().append(content);
    if (order.id === shownOrderId) row.className = 'current';
    return row;
  });
  if (rows.length === 0) {
    const empty = document.createElement('tr');
    const cell = empty.insertCell();
    cell.colSpan = 5;
    cell.className = 'empty';
    cell.textContent = text || taxId || unlinked ? w.noOrdersMatch : w.noOrders;
    rows.push(empty);
  }
  $('#orders tbody').replaceChildren(...rows);
  const moreHadFocus = document.activeElement === $('#more-orders');
  $('#more-orders').hidden = !more;
  // The button pressed for the last page goes: the keyboard goes on at the last order.
  if (moreHadFocus && !more) $<HTMLElement>('#orders tbody tr:last-child button').focus();
}

/** A button that looks like a link: it acts in the page rather than going anywhere. */
function linkButton(text: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
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
    [w.date, new Date(order.createdAt).toLocaleDateString(document.documentElement.lang)],
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

/** An order the user chose: its detail takes the keyboard (the list under it is redrawn), and comes into view (below the list on a phone). */
async function openOrder(orderId: string): Promise<void> {
  await showOrder(orderId);
  const title = $('#order-title');
  const { top, bottom } = title.getBoundingClientRect();
  if (top < 0 || bottom > innerHeight) title.scrollIntoView({ block: 'start' });
  title.focus({ preventScroll: true });
}

let ordersTimer: ReturnType<typeof setTimeout> | undefined;
const scheduleOrders = () => {
  clearTimeout(ordersTimer);
  ordersTimer = setTimeout(() => void renderOrders(), 80);
};
const filterOrders = () => {
  ordersShown = ORDERS_PAGE;
  scheduleOrders();
};
for (const id of ['#order-search', '#order-tax-id']) $(id).addEventListener('input', filterOrders);
$('#order-unlinked').addEventListener('change', filterOrders);
$('#more-orders').addEventListener('click', () => {
  ordersShown += ORDERS_PAGE;
  void renderOrders();
});
crm.on('*', (event) => {
  if (event.type.startsWith('order.')) scheduleOrders();
  if (event.type === 'order.updated' && event.order.id === shownOrderId) void showOrder(event.order.id);
});

// ——— sample data, language, theme ———

/** What the sample-data action under way does, or what the last one did, worded in the page's language at each switch of it. */
let outcome: (() => string) | undefined;
const renderOutcome = () => ($('#status').textContent = outcome?.() ?? '');

/** Runs a long action with its button disabled and the status line saying what happens, then what it did. */
async function busy(button: HTMLButtonElement, message: () => string, action: () => Promise<() => string>) {
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  outcome = message;
  renderOutcome();
  try {
    outcome = await action();
  } catch (error) {
    outcome = undefined;
    throw error;
  } finally {
    renderOutcome();
    button.disabled = false;
    await Promise.all([renderSampleButtons(), renderOrders()]);
    // The button used may hide, the other one taking its place: the keyboard stays there.
    if (hadFocus) [button, $('#insert-sample'), $('#remove-sample')].find((candidate) => !candidate.hidden)?.focus();
  }
}
$<HTMLButtonElement>('#insert-sample').addEventListener('click', (event) =>
  busy(event.currentTarget as HTMLButtonElement, () => words().inserting, async () => {
    const inserted = await crm.sampleData.insert({ language: language.value as SeedLanguage });
    return () => counted(document.documentElement.lang, words().inserted, inserted);
  }),
);
$('#remove-sample').addEventListener('click', () => $<HTMLDialogElement>('#remove-dialog').showModal());
$<HTMLDialogElement>('#remove-dialog').addEventListener('close', (event) => {
  if ((event.currentTarget as HTMLDialogElement).returnValue !== 'remove') return;
  void busy($<HTMLButtonElement>('#remove-sample'), () => words().removing, async () => {
    const removal = await crm.sampleData.remove();
    $('#order-detail').hidden = true;
    $('#card-section').hidden = true;
    shownOrderId = undefined;
    return () => removalSummary(document.documentElement.lang, removal);
  });
});
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
  const card = document.querySelector('kt-client-card')!;
  card.clientId = client.id;
  $('#card-section').hidden = false;
  $('#card-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
  // The user asked for this client: the next Tab goes on in the card, not back in the list.
  card.focus({ preventScroll: true });
}
const clients = document.querySelector('kt-client-table')!;
clients.addEventListener('kt-client-open', (event) => void openClient(event));
// The columns staff chose with the table's Columns button, kept. At first the order figures are in view instead of lifecycle, temperature, owner and phone (Info copies the phone).
clients.setAttribute('columns', localStorage.getItem('kartoteka-demo-columns') ?? 'number,name,taxId,status,stars,email,lastOrder,orderCount,totalValue,info');
clients.addEventListener('kt-columns-change', (event) => localStorage.setItem('kartoteka-demo-columns', event.columns.join(',')));
document.querySelector('kt-pipeline-board')!.addEventListener('kt-client-open', (event) => void openClient(event));
document.querySelector('kt-task-list')!.addEventListener('kt-client-open', (event) => void openClient(event));
document.querySelector('kt-duplicates')!.addEventListener('kt-client-open', (event) => void openClient(event));

$('#open-import').addEventListener('click', () => $<HTMLDialogElement>('#import-dialog').showModal());
$('#open-export').addEventListener('click', () => $<HTMLDialogElement>('#export-dialog').showModal());

const theme = $<HTMLSelectElement>('#theme');
language.value = firstLanguage;
theme.value = localStorage.getItem('kartoteka-demo-theme') ?? '';
function applyPreferences(): void {
  document.documentElement.lang = language.value;
  translatePage(language.value);
  renderOpened();
  renderOutcome();
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
