package calc;

public class CalcException extends RuntimeException {
    final int pos;

    CalcException(String m, int pos) {
        super(pos >= 0 ? m + " at " + pos : m);
        this.pos = pos;
    }
}
