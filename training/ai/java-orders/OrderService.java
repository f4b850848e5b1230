package com.example.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Application service that coordinates order placement, payment and cancellation.
 *
 * <p>All state changes go through the {@link OrderRepository}, and every public method
 * validates its arguments before touching the repository.
 */
public class OrderService {

    private static final Logger LOGGER = Logger.getLogger(OrderService.class.getName());
    private static final BigDecimal MAX_ORDER_TOTAL = new BigDecimal("10000.00");

    private final OrderRepository repository;
    private final PaymentGateway paymentGateway;
    private final Clock clock;

    public OrderService(OrderRepository repository, PaymentGateway paymentGateway, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository must not be null");
        this.paymentGateway = Objects.requireNonNull(paymentGateway, "paymentGateway must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /**
     * Places a new order for the given customer.
     *
     * @param customerId the customer placing the order
     * @param lines      the order lines; must not be empty
     * @return the persisted order in {@link OrderStatus#PENDING} state
     * @throws IllegalArgumentException if the order is empty or exceeds the maximum total
     */
    public Order placeOrder(String customerId, List<OrderLine> lines) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("An order must contain at least one line");
        }

        BigDecimal total = lines.stream()
                .map(OrderLine::subtotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        if (total.compareTo(MAX_ORDER_TOTAL) > 0) {
            throw new IllegalArgumentException(
                    String.format("Order total %s exceeds the maximum of %s", total, MAX_ORDER_TOTAL));
        }

        Order order = new Order(UUID.randomUUID().toString(), customerId, List.copyOf(lines), total,
                OrderStatus.PENDING, Instant.now(clock));
        repository.save(order);
        LOGGER.info(() -> "Placed order " + order.id() + " for customer " + customerId);
        return order;
    }

    /**
     * Charges the customer for a pending order and marks it as paid.
     */
    public Order pay(String orderId, String paymentToken) {
        Order order = findOrThrow(orderId);
        if (order.status() != OrderStatus.PENDING) {
            throw new IllegalStateException("Only pending orders can be paid, but order "
                    + orderId + " is " + order.status());
        }

        PaymentResult result = paymentGateway.charge(paymentToken, order.total());
        if (!result.successful()) {
            LOGGER.warning(() -> "Payment failed for order " + orderId + ": " + result.errorMessage());
            throw new PaymentFailedException(result.errorMessage());
        }

        Order paid = order.withStatus(OrderStatus.PAID);
        repository.save(paid);
        return paid;
    }

    /**
     * Cancels an order that has not shipped yet. Paid orders are refunded.
     */
    public Order cancel(String orderId) {
        Order order = findOrThrow(orderId);
        switch (order.status()) {
            case SHIPPED, DELIVERED -> throw new IllegalStateException("Cannot cancel an order that has shipped");
            case CANCELLED -> {
                return order; // Already cancelled; cancelling twice is a no-op
            }
            case PAID -> paymentGateway.refund(order.id(), order.total());
            default -> {
                // Pending orders have nothing to refund
            }
        }
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        repository.save(cancelled);
        return cancelled;
    }

    private Order findOrThrow(String orderId) {
        Optional<Order> order = repository.findById(orderId);
        return order.orElseThrow(() -> new OrderNotFoundException("Order not found: " + orderId));
    }
}
