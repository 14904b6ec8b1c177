/** Forms of a counted phrase by `Intl.PluralRules` category; `{n}` is the formatted count. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** English, the default: every other language has the same keys (`Translation`). */
export const en = {
  columns: {
    number: 'No.',
    name: 'Name',
    taxId: 'Tax ID',
    status: 'Status',
    stars: 'Stars',
    lifecycle: 'Lifecycle',
    temperature: 'Temperature',
    email: 'E-mail',
    phone: 'Phone',
    lastOrder: 'Last order',
    orderCount: 'Orders',
    totalValue: 'Total value',
    owner: 'Owner',
    info: 'Info',
  },
  lifecycle: { current: 'Current', potential: 'Potential' },
  temperature: { hot: 'Hot', warm: 'Warm', cold: 'Cold', not_interested: 'Not interested' },
  table: {
    label: 'Clients',
    search: 'Search clients',
    searchPlaceholder: 'Name, tax ID, e-mail, phone',
    anyStatus: 'Any status',
    anyStar: 'Any star',
    anyLifecycle: 'Any lifecycle',
    anyTemperature: 'Any temperature',
    anyOwner: 'Any owner',
    filters: 'Filters',
    clearFilters: 'Clear filters',
    statusFilter: 'Status',
    starFilter: 'Star',
    lifecycleFilter: 'Lifecycle',
    temperatureFilter: 'Temperature',
    ownerFilter: 'Owner',
    group: (name: string) => `Group: ${name}`,
    count: { one: '{n} client', other: '{n} clients' } as PluralForms,
    loading: 'Loading clients…',
    loadingRow: 'Loading…',
    empty: 'No clients yet. Insert sample data or import orders to fill the CRM.',
    noMatch: 'No client matches these filters.',
    selected: { other: '{n} selected' } as PluralForms,
    selectAll: 'Select all',
    selectAllMatching: { one: 'Select the {n} matching client', other: 'Select all {n} matching' } as PluralForms,
    clearSelection: 'Clear selection',
    setStatus: 'Set status…',
    addStar: 'Add star…',
    removeStar: 'Remove star…',
    delete: 'Delete',
    confirmDelete: { one: 'Delete {n} client? Their orders stay, unlinked. You can undo this.', other: 'Delete {n} clients? Their orders stay, unlinked. You can undo this.' } as PluralForms,
    confirm: 'Delete',
    cancel: 'Cancel',
    deleted: { one: '{n} client deleted.', other: '{n} clients deleted.' } as PluralForms,
    updated: { one: '{n} client updated.', other: '{n} clients updated.' } as PluralForms,
    undo: 'Undo',
    undone: 'Undone.',
    copy: (what: string) => `Copy ${what}`,
    copied: (what: string) => `Copied: ${what}`,
    note: 'note',
    connected: (integration: string) => `Linked to ${integration}`,
    sortBy: (column: string) => `Sort by ${column}`,
    sortNeedsFewer: 'Filter or search to sort by this column (it sorts up to 5,000 clients).',
    viewTable: 'Table',
    viewCards: 'Cards',
    currentClients: 'Current clients',
    potentialClients: 'Potential clients',
    discount: (percent: string) => `Discount ${percent}`,
    showMore: 'Show more',
    address: 'Address',
    noNote: 'No notes',
    error: (message: string) => `Could not load clients: ${message}`,
  },
  clientLabel: (number: string) => `Client: ${number}`,
};

export type Translation = typeof en;
