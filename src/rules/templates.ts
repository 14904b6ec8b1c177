import type { CrmContext } from '../context.ts';
import type { RuleInput } from '../model/rule.ts';
import type { StarKind } from '../model/star.ts';
import type { Status } from '../model/status.ts';
import { readAll } from '../storage/read-all.ts';
import { findSeeded, type SeedLanguage } from '../seed-names.ts';
import { TEMPLATE_TEXTS } from './template-texts.ts';

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
export async function ruleTemplates(ctx: CrmContext, currency: string, language: SeedLanguage): Promise<RuleTemplate[]> {
  const texts = TEMPLATE_TEXTS[language];
  const statuses = (await readAll<Status>(ctx, 'statuses')).sort(byPosition);
  const stars = (await readAll<StarKind>(ctx, 'starKinds')).sort(byPosition);
  const partner = prefer(statuses, 'new_partner');
  const regular = prefer(statuses, 'regular_customer');
  const star = prefer(stars, 'yellow');
  const templates: RuleTemplate[] = [];
  const add = (key: RuleTemplate['key'], description: string, rule: Omit<RuleInput, 'name'>) =>
    templates.push({ key, name: texts.names[key], description, rule: { enabled: false, priority: 0, name: texts.names[key], ...rule, template: key } });
  if (partner) {
    // A client already at this status or a later one (VIP, individual terms) is not set back to it.
    const reached = statuses.filter((status) => status.position >= partner.position).map((status) => status.id);
    add('first_paid_order_status', texts.firstPaid(partner.name), {
      trigger: 'order.paid',
      conditions: { all: [{ fact: 'client.paidOrders', op: 'eq', value: 1 }, { fact: 'client.status', op: 'not_in', value: reached }] },
      actions: [{ type: 'set_status', statusId: partner.id }],
    });
  }
  if (star) {
    const big = BIG_ORDER[currency] ?? BIG_ORDER['EUR']!;
    const amount = new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(big / 100);
    add('big_order_star', texts.bigOrder(star.name, amount), {
      trigger: 'order.created',
      conditions: { fact: 'order.total', op: 'gte', value: big, currency },
      actions: [{ type: 'add_star', starId: star.id }],
    });
  }
  if (regular) {
    add('regular_customer', texts.regular(regular.name), {
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
  add('dormant_tag', texts.dormant(texts.dormantTag), {
    trigger: 'schedule.daily',
    conditions: { all: [{ fact: 'client.daysSinceLastOrder', op: 'gte', value: 90 }, { fact: 'client.tag', op: 'lacks', value: texts.dormantTag }] },
    actions: [{ type: 'add_tag', tag: texts.dormantTag }],
  });
  add('hot_potential', texts.hot, {
    trigger: 'order.created',
    conditions: { fact: 'client.lifecycle', op: 'in', value: ['potential'] },
    actions: [{ type: 'set_temperature', temperature: 'hot' }],
  });
  return templates;
}
