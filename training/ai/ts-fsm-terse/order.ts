import { Machine, Def } from "./fsm";

type S = "cart" | "checkout" | "paying" | "paid" | "failed" | "shipped" | "delivered" | "cancelled" | "refunded";
type E = "CHECKOUT" | "BACK" | "PAY" | "PAY_OK" | "PAY_FAIL" | "RETRY" | "TIMEOUT" | "SHIP" | "DELIVER" | "CANCEL" | "REFUND";

type Item = { sku: string; qty: number; price: number };
type C = { items: Item[]; addr?: string; tries: number; paymentId?: string; tracking?: string; err?: string };

const total = (c: C) => c.items.reduce((s, i) => s + i.qty * i.price, 0);

const def: Def<S, E, C> = {
  init: "cart",
  ctx: { items: [], tries: 0 },
  final: ["delivered", "cancelled", "refunded"],
  states: {
    cart: {
      on: {
        CHECKOUT: { to: "checkout", guard: (c) => c.items.length > 0 && total(c) > 0 },
        CANCEL: "cancelled",
      },
    },
    checkout: {
      on: {
        BACK: "cart",
        PAY: { to: "paying", guard: (_, p) => !!p?.addr, act: (c, p) => ({ ...c, addr: p.addr, tries: c.tries + 1 }) },
        CANCEL: "cancelled",
      },
    },
    paying: {
      after: [30_000, "TIMEOUT"],
      on: {
        PAY_OK: { to: "paid", act: (c, p) => ({ ...c, paymentId: p.id, err: undefined }) },
        PAY_FAIL: { to: "failed", act: (c, p) => ({ ...c, err: p?.reason ?? "declined" }) },
        TIMEOUT: { to: "failed", act: (c) => ({ ...c, err: "timeout" }) },
      },
    },
    failed: {
      on: {
        RETRY: [
          { to: "paying", guard: (c) => c.tries < 3, act: (c) => ({ ...c, tries: c.tries + 1 }) },
          { to: "cancelled", act: (c) => ({ ...c, err: "too many attempts" }) },
        ],
        BACK: "checkout",
        CANCEL: "cancelled",
      },
    },
    paid: {
      on: {
        SHIP: { to: "shipped", guard: (_, p) => typeof p?.tracking === "string", act: (c, p) => ({ ...c, tracking: p.tracking }) },
        REFUND: "refunded",
      },
    },
    shipped: { on: { DELIVER: "delivered", REFUND: "refunded" } },
  },
};

export const newOrder = (items: Item[]) => new Machine<S, E, C>({ ...def, ctx: { items, tries: 0 } });

export const restore = (json: string) => new Machine<S, E, C>(def, JSON.parse(json));

if (require.main === module) {
  const m = newOrder([
    { sku: "A-1", qty: 2, price: 1299 },
    { sku: "B-7", qty: 1, price: 450 },
  ]);
  m.subscribe((s, c, e) => console.log(`${e.padEnd(9)} -> ${s}${c.err ? ` (${c.err})` : ""}`));
  m.send("CHECKOUT");
  m.send("PAY", { addr: "1 Main St" });
  m.send("PAY_FAIL", { reason: "insufficient funds" });
  m.send("RETRY");
  m.send("PAY_OK", { id: "pi_123" });
  console.log("can ship w/o tracking:", m.can("SHIP", {}));
  m.send("SHIP", { tracking: "1Z999" });
  const saved = JSON.stringify(m.snapshot());
  m.stop();
  const m2 = restore(saved);
  m2.send("DELIVER");
  console.log(m2.state, m2.done, (total(m2.ctx) / 100).toFixed(2));
  m2.stop();
}
