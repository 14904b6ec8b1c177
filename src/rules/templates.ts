import type { CrmContext } from '../context.ts';
import type { RuleInput } from '../model/rule.ts';
import type { StarKind } from '../model/star.ts';
import type { Status } from '../model/status.ts';
import { readAll } from '../storage/read-all.ts';
import { findSeeded } from '../seed-names.ts';

/** A ready rule to start from. */
export interface RuleTemplate {
  key: 'first_paid_order_status' | 'big_order_star' | 'regular_customer' | 'dormant_tag' | 'hot_potential';
  name: string;
  description: string;
  rule: RuleInput & { template: string };
}

/** A big B2B order, in minor units: about two thousand euros. */
const BIG_ORDER: Record<string, number> = { CZK: 5_000_000, PLN: 800_000, HUF: 80_000_000, EUR: 200_000 };

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** The default catalog entry with this key, looked for first (see `findSeeded`); otherwise the first status or star kind. */
const prefer = <T extends { key?: string | undefined; name: string }>(list: T[], key: string) => findSeeded(list, key) ?? list[0];

/**
 * The shipped templates, filled in with this store's statuses and star kinds, each a disabled
 * rule: dry-run it, adjust it, then enable it.
 */
export async function ruleTemplates(ctx: CrmContext, currency: string): Promise<RuleTemplate[]> {
  const statuses = (await readAll<Status>(ctx, 'statuses')).sort(byPosition);
  const stars = (await readAll<StarKind>(ctx, 'starKinds')).sort(byPosition);
  const partner = prefer(statuses, 'new_partner');
  const regular = prefer(statuses, 'regular_customer');
  const star = prefer(stars, 'yellow');
  const templates: RuleTemplate[] = [];
  const add = (key: RuleTemplate['key'], description: string, rule: RuleInput) => templates.push({ key, name: rule.name, description, rule: { enabled: false, priority: 0, ...rule, template: key } });
  if (partner) {
    add('first_paid_order_status', `Sets the status "${partner.name}" when a client pays their first order.`, {
      name: 'Status after the first paid order',
      trigger: 'order.paid',
      conditions: { fact: 'client.paidOrders', op: 'eq', value: 1 },
      actions: [{ type: 'set_status', statusId: partner.id }],
    });
  }
  if (star) {
    const big = BIG_ORDER[currency] ?? BIG_ORDER['EUR']!;
    add('big_order_star', `Gives the star "${star.name}" for an order of ${big / 100} ${currency} or more.`, {
      name: 'Star for a big order',
      trigger: 'order.created',
      conditions: { fact: 'order.total', op: 'gte', value: big, currency },
      actions: [{ type: 'add_star', starId: star.id }],
    });
  }
  if (regular) {
    add('regular_customer', `Sets the status "${regular.name}" after 3 paid orders within 180 days.`, {
      name: 'Regular customer',
      trigger: 'order.paid',
      conditions: {
        all: [
          { fact: 'client.ordersInLastDays', days: 180, op: 'gte', value: 3, paidOnly: true },
          { fact: 'client.status', op: 'not_in', value: [regular.id] },
        ],
      },
      actions: [{ type: 'set_status', statusId: regular.id }],
    });
  }
  add('dormant_tag', 'Tags a client "Dormant" when they have not ordered for 90 days (checked daily).', {
    name: 'Dormant after 90 days',
    trigger: 'schedule.daily',
    conditions: { all: [{ fact: 'client.daysSinceLastOrder', op: 'gte', value: 90 }, { fact: 'client.tag', op: 'lacks', value: 'Dormant' }] },
    actions: [{ type: 'add_tag', tag: 'Dormant' }],
  });
  add('hot_potential', 'Marks a potential client "hot" when a new order of theirs comes in.', {
    name: 'Hot when a potential client orders',
    trigger: 'order.created',
    conditions: { fact: 'client.lifecycle', op: 'in', value: ['potential'] },
    actions: [{ type: 'set_temperature', temperature: 'hot' }],
  });
  return templates;
}
