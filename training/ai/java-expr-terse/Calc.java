package calc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import java.util.function.Function;

import calc.Parser.*;

public final class Calc {
    private static final Map<String, Function<double[], Double>> FN = new HashMap<>();

    static {
        FN.put("abs", a -> Math.abs(a[0]));
        FN.put("sqrt", a -> Math.sqrt(a[0]));
        FN.put("ln", a -> Math.log(a[0]));
        FN.put("log", a -> a.length == 2 ? Math.log(a[0]) / Math.log(a[1]) : Math.log10(a[0]));
        FN.put("sin", a -> Math.sin(a[0]));
        FN.put("cos", a -> Math.cos(a[0]));
        FN.put("round", a -> a.length == 2 ? Math.round(a[0] * Math.pow(10, a[1])) / Math.pow(10, a[1]) : Math.round(a[0]));
        FN.put("floor", a -> Math.floor(a[0]));
        FN.put("ceil", a -> Math.ceil(a[0]));
        FN.put("min", a -> { double m = a[0]; for (double x : a) m = Math.min(m, x); return m; });
        FN.put("max", a -> { double m = a[0]; for (double x : a) m = Math.max(m, x); return m; });
    }

    private final Map<String, Double> vars = new HashMap<>(Map.of("pi", Math.PI, "e", Math.E));

    public double eval(String s) {
        s = s.strip();
        int eq = s.indexOf('=');
        if (eq > 0 && s.substring(0, eq).strip().matches("[A-Za-z_]\\w*") && (eq + 1 >= s.length() || s.charAt(eq + 1) != '=')) {
            var name = s.substring(0, eq).strip();
            double v = eval(Parser.parse(s.substring(eq + 1)));
            vars.put(name, v);
            return v;
        }
        double v = eval(Parser.parse(s));
        vars.put("ans", v);
        return v;
    }

    private static boolean truthy(double d) { return d != 0 && !Double.isNaN(d); }
    private static double b(boolean x) { return x ? 1 : 0; }

    double eval(Node n) {
        return switch (n) {
            case Num x -> x.v();
            case Var x -> {
                var v = vars.get(x.name());
                if (v == null) throw new CalcException("unknown variable " + x.name(), x.pos());
                yield v;
            }
            case Un x -> x.op().equals("!") ? b(!truthy(eval(x.x()))) : -eval(x.x());
            case Cond x -> truthy(eval(x.c())) ? eval(x.a()) : eval(x.b());
            case Call x -> call(x.fn(), x.args(), x.pos());
            case Bin x -> bin(x);
        };
    }

    private double call(String name, List<Node> args, int pos) {
        var f = FN.get(name);
        if (f == null) throw new CalcException("unknown function " + name, pos);
        if (args.isEmpty()) throw new CalcException(name + " needs arguments", pos);
        var a = new double[args.size()];
        for (int i = 0; i < a.length; i++) a[i] = eval(args.get(i));
        return f.apply(a);
    }

    private double bin(Bin x) {
        if (x.op().equals("&&")) return b(truthy(eval(x.l())) && truthy(eval(x.r())));
        if (x.op().equals("||")) return b(truthy(eval(x.l())) || truthy(eval(x.r())));
        double l = eval(x.l()), r = eval(x.r());
        return switch (x.op()) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> {
                if (r == 0) throw new CalcException("division by zero", -1);
                yield l / r;
            }
            case "%" -> l % r;
            case "^" -> Math.pow(l, r);
            case "<" -> b(l < r);
            case "<=" -> b(l <= r);
            case ">" -> b(l > r);
            case ">=" -> b(l >= r);
            case "==" -> b(Math.abs(l - r) < 1e-12);
            case "!=" -> b(Math.abs(l - r) >= 1e-12);
            default -> throw new IllegalStateException(x.op());
        };
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return String.valueOf((long) d);
        return String.valueOf(d);
    }

    public static void main(String[] args) {
        var c = new Calc();
        if (args.length > 0) {
            System.out.println(fmt(c.eval(String.join(" ", args))));
            return;
        }
        var in = new Scanner(System.in);
        while (true) {
            System.out.print("> ");
            if (!in.hasNextLine()) break;
            var l = in.nextLine();
            if (l.isBlank()) continue;
            if (l.equals("quit") || l.equals("exit")) break;
            try {
                System.out.println(fmt(c.eval(l)));
            } catch (CalcException e) {
                System.out.println("error: " + e.getMessage());
            }
        }
    }
}
