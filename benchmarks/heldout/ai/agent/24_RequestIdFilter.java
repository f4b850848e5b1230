package com.acme.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

// Propagates X-Request-Id: reuse the caller's id if it looks sane, otherwise mint one.
// Puts it in the MDC so every log line for the request carries it.
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    // don't trust arbitrary client input in logs: short, url-safe ids only
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        String id = pick(req.getHeader(HEADER));
        req.setAttribute(ATTRIBUTE, id);
        res.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(req, res);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    static String pick(String incoming) {
        if (incoming != null) {
            String s = incoming.strip();
            if (VALID.matcher(s).matches()) {
                return s;
            }
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // keep the id on async dispatches too
    }

    public static String current(HttpServletRequest req) {
        Object v = req.getAttribute(ATTRIBUTE);
        return v != null ? v.toString() : null;
    }
}
