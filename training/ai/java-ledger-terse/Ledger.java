package ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

public final class Ledger {
    private final List<Entry> es = new ArrayList<>();

    public Ledger add(Entry e) {
        es.add(e);
        return this;
    }

    public Ledger addAll(List<Entry> xs) {
        es.addAll(xs);
        es.sort(Comparator.comparing(Entry::date));
        return this;
    }

    public Map<String, BigDecimal> balances(LocalDate asOf) {
        return es.stream()
            .filter(e -> !e.date().isAfter(asOf))
            .flatMap(e -> e.legs().stream())
            .collect(Collectors.groupingBy(Entry.Leg::acct, TreeMap::new,
                Collectors.reducing(BigDecimal.ZERO, Entry.Leg::amt, BigDecimal::add)));
    }

    public BigDecimal balance(String prefix, LocalDate asOf) {
        return legs(e -> !e.date().isAfter(asOf), prefix).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public Map<YearMonth, BigDecimal> monthly(String prefix) {
        var m = new TreeMap<YearMonth, BigDecimal>();
        for (var e : es)
            for (var l : e.legs())
                if (l.under(prefix)) m.merge(YearMonth.from(e.date()), l.amt(), BigDecimal::add);
        var s = Entry.sign(Entry.kindOf(prefix));
        m.replaceAll((k, v) -> s < 0 ? v.negate() : v);
        return m;
    }

    public record Row(String acct, BigDecimal amt) {}

    public List<Row> incomeStatement(LocalDate from, LocalDate to) {
        Predicate<Entry> in = e -> !e.date().isBefore(from) && !e.date().isAfter(to);
        var m = new TreeMap<String, BigDecimal>();
        es.stream().filter(in).flatMap(e -> e.legs().stream())
            .filter(l -> Entry.kindOf(l.acct()) instanceof Entry.Income || Entry.kindOf(l.acct()) instanceof Entry.Expense)
            .forEach(l -> m.merge(l.acct(), l.amt().negate(), BigDecimal::add));
        var rows = m.entrySet().stream().map(x -> new Row(x.getKey(), x.getValue())).collect(Collectors.toCollection(ArrayList::new));
        rows.add(new Row("net", m.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        return rows;
    }

    public boolean trialBalanceOk(LocalDate asOf) {
        return balances(asOf).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).signum() == 0;
    }

    private java.util.stream.Stream<BigDecimal> legs(Predicate<Entry> p, String prefix) {
        return es.stream().filter(p).flatMap(e -> e.legs().stream()).filter(l -> l.under(prefix)).map(Entry.Leg::amt);
    }

    public static String render(List<Row> rows) {
        var w = rows.stream().mapToInt(r -> r.acct().length()).max().orElse(0);
        var sb = new StringBuilder();
        for (var r : rows) sb.append(String.format("%-" + w + "s  %12s%n", r.acct(), r.amt().toPlainString()));
        return sb.toString();
    }
}
