package com.acme.shop.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Application service for placing and cancelling orders.
 *
 * <p>All stock changes go through {@link InventoryGateway#reserve} so that two
 * concurrent orders can never oversell the same item. If any line cannot be
 * reserved, reservations already made for the order are released before the
 * exception is thrown.
 */
public class OrderService {

    /** Orders can only be cancelled within this window after being placed. */
    static final long CANCEL_WINDOW_SECONDS = 30 * 60;

    private static final BigDecimal TAX_RATE = new BigDecimal("0.20");

    private final OrderRepository orders;
    private final ProductCatalog catalog;
    private final InventoryGateway inventory;
    private final EventPublisher events;
    private final Clock clock;

    public OrderService(OrderRepository orders, ProductCatalog catalog, InventoryGateway inventory,
                        EventPublisher events, Clock clock) {
        this.orders = Objects.requireNonNull(orders);
        this.catalog = Objects.requireNonNull(catalog);
        this.inventory = Objects.requireNonNull(inventory);
        this.events = Objects.requireNonNull(events);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Places an order for the given customer.
     *
     * @param customerId the customer placing the order
     * @param quantities SKU to quantity; quantities must be positive
     * @return the persisted order
     * @throws IllegalArgumentException if the request is empty or has invalid quantities
     * @throws UnknownProductException  if a SKU is not in the catalog
     * @throws OutOfStockException      if any line cannot be reserved
     */
    public Order placeOrder(String customerId, Map<String, Integer> quantities) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        if (quantities == null || quantities.isEmpty()) {
            throw new IllegalArgumentException("order must contain at least one line");
        }
        quantities.forEach((sku, qty) -> {
            if (qty == null || qty <= 0) {
                throw new IllegalArgumentException("quantity for " + sku + " must be positive");
            }
        });

        // Look up all products first so we fail before reserving anything.
        Map<String, Product> products = catalog.findAllBySku(quantities.keySet()).stream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
        for (String sku : quantities.keySet()) {
            if (!products.containsKey(sku)) {
                throw new UnknownProductException(sku);
            }
        }

        String orderId = orders.nextId();
        List<String> reserved = new ArrayList<>();
        try {
            for (Map.Entry<String, Integer> e : quantities.entrySet()) {
                if (!inventory.reserve(orderId, e.getKey(), e.getValue())) {
                    throw new OutOfStockException(e.getKey(), e.getValue());
                }
                reserved.add(e.getKey());
            }
        } catch (RuntimeException ex) {
            // Undo partial reservations; never leave stock locked by a failed order.
            for (String sku : reserved) {
                inventory.release(orderId, sku);
            }
            throw ex;
        }

        List<OrderLine> lines = quantities.entrySet().stream()
                .map(e -> new OrderLine(e.getKey(), e.getValue(), products.get(e.getKey()).price()))
                .sorted((a, b) -> a.sku().compareTo(b.sku()))
                .toList();

        BigDecimal subtotal = lines.stream()
                .map(OrderLine::lineTotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tax = subtotal.multiply(TAX_RATE).setScale(2, RoundingMode.HALF_UP);

        Order order = new Order(orderId, customerId, lines, subtotal, tax, subtotal.add(tax),
                OrderStatus.PLACED, Instant.now(clock));
        orders.save(order);
        events.publish(new OrderPlaced(order.id(), customerId, order.total()));
        return order;
    }

    /**
     * Cancels an order if it is still within the cancellation window.
     *
     * @return the cancelled order, or empty if no such order exists
     * @throws IllegalStateException if the order can no longer be cancelled
     */
    public Optional<Order> cancel(String orderId, String reason) {
        Optional<Order> found = orders.findById(orderId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Order order = found.get();

        if (order.status() == OrderStatus.CANCELLED) {
            return Optional.of(order); // idempotent
        }
        if (order.status() != OrderStatus.PLACED) {
            throw new IllegalStateException("order " + orderId + " is " + order.status());
        }
        long age = Instant.now(clock).getEpochSecond() - order.placedAt().getEpochSecond();
        if (age > CANCEL_WINDOW_SECONDS) {
            throw new IllegalStateException("cancellation window has passed for order " + orderId);
        }

        for (OrderLine line : order.lines()) {
            inventory.release(orderId, line.sku());
        }
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        orders.save(cancelled);
        events.publish(new OrderCancelled(orderId, reason));
        return Optional.of(cancelled);
    }
}
