import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Crm, CrmEvent, StarKind, Status } from '../../src/index.ts';

/** The store's statuses and star kinds, in their order: what filters, pickers and labels offer. */
export const readCatalog = (crm: Crm): Promise<[Status[], StarKind[]]> => Promise.all([crm.statuses.list(), crm.stars.list()]);

/** A change to the statuses or star kinds: time to read the catalog again. */
export const isCatalogEvent = (event: CrmEvent): boolean => event.type === 'statuses.changed' || event.type === 'star_kinds.changed';

/**
 * The statuses and star kinds an element offers, read when its CRM changes (or first comes) and
 * again whenever they change; the element updates with them.
 */
export class CatalogController implements ReactiveController {
  statuses: Status[] = [];
  starKinds: StarKind[] = [];
  #crm: Crm | undefined;
  #stopListening: (() => void) | undefined;

  /** `crmOf`: the CRM the element uses now. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly crmOf: () => Crm | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const crm = this.crmOf();
    if (crm === this.#crm) return;
    this.#stopListening?.();
    this.#crm = crm;
    this.#stopListening = crm?.on('*', (event) => void (isCatalogEvent(event) && this.load()));
    void this.load();
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#stopListening = this.#crm = undefined;
  }

  /** Reads the catalog now; a read for a CRM no longer in use is dropped. */
  async load(): Promise<void> {
    const crm = this.#crm;
    if (!crm) return;
    const [statuses, starKinds] = await readCatalog(crm);
    if (crm !== this.#crm) return;
    [this.statuses, this.starKinds] = [statuses, starKinds];
    this.host.requestUpdate();
  }
}
