package ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

public record Entry(LocalDate date, String memo, List<Leg> legs) {
    public Entry {
        Objects.requireNonNull(date);
        legs = List.copyOf(legs);
        if (legs.size() < 2) throw new IllegalArgumentException("entry needs >= 2 legs: " + memo);
        var sum = legs.stream().map(Leg::amt).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.signum() != 0) throw new IllegalArgumentException("unbalanced by " + sum + ": " + memo);
    }

    public record Leg(String acct, BigDecimal amt) {
        public Leg {
            if (acct.isBlank()) throw new IllegalArgumentException("blank account");
        }

        boolean under(String prefix) {
            return acct.equals(prefix) || acct.startsWith(prefix + ":");
        }
    }

    public sealed interface Kind permits Asset, Liability, Income, Expense, Equity {}
    public record Asset() implements Kind {}
    public record Liability() implements Kind {}
    public record Income() implements Kind {}
    public record Expense() implements Kind {}
    public record Equity() implements Kind {}

    public static Kind kindOf(String acct) {
        var root = acct.contains(":") ? acct.substring(0, acct.indexOf(':')) : acct;
        return switch (root.toLowerCase()) {
            case "assets" -> new Asset();
            case "liabilities" -> new Liability();
            case "income", "revenue" -> new Income();
            case "expenses" -> new Expense();
            case "equity" -> new Equity();
            default -> throw new IllegalArgumentException("unknown root: " + root);
        };
    }

    public static int sign(Kind k) {
        return k instanceof Asset || k instanceof Expense ? 1 : -1;
    }
}
