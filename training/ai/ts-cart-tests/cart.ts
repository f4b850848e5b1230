export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

export interface Coupon {
  code: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotalCents?: number;
  expiresAt?: Date;
}

export interface Line {
  product: Product;
  qty: number;
}

export class CartError extends Error {}

export class Cart {
  private lines = new Map<string, Line>();
  private coupon?: Coupon;

  constructor(private readonly now: () => Date = () => new Date()) {}

  add(product: Product, qty = 1): void {
    if (!Number.isInteger(qty) || qty <= 0) throw new CartError("quantity must be a positive integer");
    const current = this.lines.get(product.sku)?.qty ?? 0;
    if (current + qty > product.stock) throw new CartError(`only ${product.stock} of ${product.sku} in stock`);
    this.lines.set(product.sku, { product, qty: current + qty });
  }

  setQty(sku: string, qty: number): void {
    const line = this.lines.get(sku);
    if (!line) throw new CartError(`${sku} is not in the cart`);
    if (qty === 0) {
      this.lines.delete(sku);
      return;
    }
    if (qty < 0 || qty > line.product.stock) throw new CartError("invalid quantity");
    line.qty = qty;
  }

  remove(sku: string): boolean {
    return this.lines.delete(sku);
  }

  items(): Line[] {
    return [...this.lines.values()];
  }

  get count(): number {
    return this.items().reduce((n, l) => n + l.qty, 0);
  }

  get subtotal(): number {
    return this.items().reduce((s, l) => s + l.qty * l.product.priceCents, 0);
  }

  applyCoupon(c: Coupon): void {
    if (c.expiresAt && c.expiresAt <= this.now()) throw new CartError("coupon expired");
    if (c.kind === "percent" && (c.value <= 0 || c.value > 100)) throw new CartError("invalid percent");
    if (c.minSubtotalCents && this.subtotal < c.minSubtotalCents) throw new CartError("subtotal too low for coupon");
    this.coupon = c;
  }

  get discount(): number {
    const c = this.coupon;
    if (!c) return 0;
    if (c.minSubtotalCents && this.subtotal < c.minSubtotalCents) return 0;
    const raw = c.kind === "percent" ? Math.round((this.subtotal * c.value) / 100) : c.value;
    return Math.min(raw, this.subtotal);
  }

  total(taxRate = 0): number {
    const taxable = this.subtotal - this.discount;
    return taxable + Math.round(taxable * taxRate);
  }

  clear(): void {
    this.lines.clear();
    this.coupon = undefined;
  }
}
