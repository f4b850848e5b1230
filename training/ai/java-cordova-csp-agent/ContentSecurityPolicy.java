/*
       Licensed to the Apache Software Foundation (ASF) under one
       or more contributor license agreements.  See the NOTICE file
       distributed with this work for additional information
       regarding copyright ownership.  The ASF licenses this file
       to you under the Apache License, Version 2.0 (the
       "License"); you may not use this file except in compliance
       with the License.  You may obtain a copy of the License at

         http://www.apache.org/licenses/LICENSE-2.0

       Unless required by applicable law or agreed to in writing,
       software distributed under the License is distributed on an
       "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
       KIND, either express or implied.  See the License for the
       specific language governing permissions and limitations
       under the License.
*/
package org.apache.cordova;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.cordova.LOG;

/**
 * A minimal reader for the Content-Security-Policy that an app declares in the
 * <meta http-equiv="Content-Security-Policy"> tag of its start page.
 *
 * It is only used to warn at startup when an <access> or <allow-navigation>
 * entry from config.xml can never be reached because the page's own policy
 * blocks it, which is a common source of "works in the browser, fails on the
 * device" reports. It does not enforce anything; the WebView does that.
 */
public class ContentSecurityPolicy {
    public static final String TAG = "CordovaCSP";

    private static final Pattern META_TAG = Pattern.compile(
        "<meta\\s[^>]*http-equiv\\s*=\\s*[\"']Content-Security-Policy[\"'][^>]*>",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_ATTR = Pattern.compile(
        "content\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

    private HashMap<String, List<String>> directives = new HashMap<String, List<String>>();

    public ContentSecurityPolicy(String policy) {
        if (policy == null) {
            return;
        }
        for (String part : policy.split(";")) {
            String[] tokens = part.trim().split("\\s+");
            if (tokens.length == 0 || tokens[0].length() == 0) {
                continue;
            }
            String name = tokens[0].toLowerCase(Locale.ENGLISH);
            // Per spec, only the first occurrence of a directive counts
            if (directives.containsKey(name)) {
                LOG.d(TAG, "Ignoring duplicate directive %s", name);
                continue;
            }
            List<String> sources = new ArrayList<String>(tokens.length - 1);
            for (int i = 1; i < tokens.length; i++) {
                sources.add(tokens[i]);
            }
            directives.put(name, sources);
        }
    }

    /**
     * Extract the policy from the first CSP meta tag of an HTML document.
     *
     * @param html
     * @return the policy, or null if the page does not declare one
     */
    public static ContentSecurityPolicy fromHtml(String html) {
        if (html == null) return null;
        Matcher meta = META_TAG.matcher(html);
        if (!meta.find()) return null;
        Matcher content = CONTENT_ATTR.matcher(meta.group());
        if (!content.find()) {
            LOG.w(TAG, "Content-Security-Policy meta tag has no content attribute");
            return null;
        }
        String value = content.group(2) != null ? content.group(2) : content.group(3);
        return new ContentSecurityPolicy(value.replace("&#39;", "'").replace("&quot;", "\""));
    }

    public boolean hasDirective(String name) {
        return directives.containsKey(name.toLowerCase(Locale.ENGLISH));
    }

    /**
     * Sources that apply to a directive, falling back to default-src for the
     * fetch directives as browsers do. Returns null if nothing restricts it.
     */
    public List<String> getSources(String directive) {
        directive = directive.toLowerCase(Locale.ENGLISH);
        List<String> sources = directives.get(directive);
        if (sources == null && directive.endsWith("-src")) {
            sources = directives.get("default-src");
        }
        return sources;
    }

    /**
     * Determine if the policy lets the page load the given URL for a directive
     * such as connect-src or frame-src.
     *
     * @param directive
     * @param url an absolute URL
     * @param selfOrigin the origin of the page itself, e.g. https://localhost
     * @return true if allowed, or if the policy says nothing about the directive
     */
    public boolean allows(String directive, String url, String selfOrigin) {
        List<String> sources = getSources(directive);
        if (sources == null) return true;

        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            LOG.d(TAG, "Cannot parse %s", url);
            return false;
        }
        if (uri.getScheme() == null) return false;
        String scheme = uri.getScheme().toLowerCase(Locale.ENGLISH);

        for (String source : sources) {
            String s = source.toLowerCase(Locale.ENGLISH);
            if (s.equals("'none'")) {
                // 'none' only counts when it is the sole source
                if (sources.size() == 1) return false;
            } else if (s.equals("*")) {
                // The wildcard does not cover data:, blob: or filesystem:
                if (!scheme.equals("data") && !scheme.equals("blob") && !scheme.equals("filesystem")) return true;
            } else if (s.equals("'self'")) {
                if (selfOrigin != null && sameOrigin(uri, selfOrigin)) return true;
            } else if (s.endsWith(":") && !s.contains("/")) {
                if (scheme.equals(s.substring(0, s.length() - 1))) return true;
            } else if (!s.startsWith("'")) {
                if (hostSourceMatches(s, uri)) return true;
            }
        }
        return false;
    }

    private static boolean sameOrigin(URI uri, String origin) {
        try {
            URI o = new URI(origin);
            return o.getScheme() != null && o.getScheme().equalsIgnoreCase(uri.getScheme())
                && o.getHost() != null && o.getHost().equalsIgnoreCase(uri.getHost())
                && effectivePort(o) == effectivePort(uri);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) return uri.getPort();
        String scheme = uri.getScheme().toLowerCase(Locale.ENGLISH);
        if (scheme.equals("https") || scheme.equals("wss")) return 443;
        if (scheme.equals("http") || scheme.equals("ws")) return 80;
        return -1;
    }

    /* host-source := [ scheme "://" ] host [ ":" port ] [ path ]
     * host        := "*" | [ "*." ] hostname
     * port        := digits | "*"
     */
    private static boolean hostSourceMatches(String source, URI uri) {
        String host = uri.getHost();
        if (host == null) return false;
        host = host.toLowerCase(Locale.ENGLISH);
        String scheme = uri.getScheme().toLowerCase(Locale.ENGLISH);

        String rest = source;
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            String srcScheme = rest.substring(0, sep);
            rest = rest.substring(sep + 3);
            // http: in a source also allows the https upgrade (and ws: wss:)
            boolean upgrade = (srcScheme.equals("http") && scheme.equals("https"))
                || (srcScheme.equals("ws") && scheme.equals("wss"));
            if (!srcScheme.equals(scheme) && !upgrade) return false;
        } else if (!scheme.equals("http") && !scheme.equals("https")
                && !scheme.equals("ws") && !scheme.equals("wss")) {
            return false;
        }

        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash);
            rest = rest.substring(0, slash);
        }
        String port = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            port = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }

        if (rest.startsWith("*.")) {
            if (!host.endsWith(rest.substring(1))) return false;
        } else if (!rest.equals("*") && !rest.equals(host)) {
            return false;
        }

        if (port == null) {
            if (uri.getPort() != -1 && uri.getPort() != effectivePort(schemeOnly(scheme))) return false;
        } else if (!port.equals("*")) {
            try {
                if (Integer.parseInt(port, 10) != effectivePort(uri)) return false;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        if (path != null && path.length() > 1) {
            String p = uri.getRawPath() == null || uri.getRawPath().length() == 0 ? "/" : uri.getRawPath();
            return path.endsWith("/") ? p.startsWith(path) : p.equals(path);
        }
        return true;
    }

    private static URI schemeOnly(String scheme) {
        return URI.create(scheme + "://h");
    }
}
