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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.junit.Test;

public class ContentSecurityPolicyTest {
    private static final String SELF = "https://localhost";

    // The policy from the default template's www/index.html
    private static final String TEMPLATE_HTML =
        "<!DOCTYPE html>\n<html>\n<head>\n" +
        "    <meta charset=\"utf-8\">\n" +
        "    <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self' data: https://ssl.gstatic.com 'unsafe-eval'; style-src 'self' 'unsafe-inline'; media-src *; img-src 'self' data: content:;\">\n" +
        "    <meta name=\"viewport\" content=\"initial-scale=1, width=device-width, viewport-fit=cover\">\n" +
        "</head>\n<body></body>\n</html>\n";

    @Test
    public void testFromHtml() {
        ContentSecurityPolicy csp = ContentSecurityPolicy.fromHtml(TEMPLATE_HTML);
        assertNotNull(csp);
        assertTrue(csp.hasDirective("default-src"));
        assertTrue(csp.hasDirective("IMG-SRC"));
        assertFalse(csp.hasDirective("connect-src"));
        assertEquals(Arrays.asList("'self'", "'unsafe-inline'"), csp.getSources("style-src"));
    }

    @Test
    public void testFromHtmlWithoutPolicy() {
        assertNull(ContentSecurityPolicy.fromHtml(null));
        assertNull(ContentSecurityPolicy.fromHtml("<html><head><title>x</title></head></html>"));
        assertNull(ContentSecurityPolicy.fromHtml("<meta http-equiv=\"Content-Security-Policy\">"));
    }

    @Test
    public void testFromHtmlSingleQuotedAttribute() {
        ContentSecurityPolicy csp = ContentSecurityPolicy.fromHtml(
            "<meta content='connect-src https://api.example.com' http-equiv='content-security-policy'>");
        assertNotNull(csp);
        assertTrue(csp.allows("connect-src", "https://api.example.com/v1", SELF));
    }

    @Test
    public void testDefaultSrcFallback() {
        ContentSecurityPolicy csp = ContentSecurityPolicy.fromHtml(TEMPLATE_HTML);
        // connect-src is not declared, so default-src applies
        assertTrue(csp.allows("connect-src", "https://localhost/api", SELF));
        assertTrue(csp.allows("connect-src", "https://ssl.gstatic.com/x.js", SELF));
        assertFalse(csp.allows("connect-src", "https://api.example.com/", SELF));
        // media-src * overrides default-src
        assertTrue(csp.allows("media-src", "https://cdn.example.com/a.mp4", SELF));
    }

    @Test
    public void testNoPolicyAllowsEverything() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy(null);
        assertTrue(csp.allows("connect-src", "https://anything.example.org", SELF));
        assertNull(csp.getSources("script-src"));
    }

    @Test
    public void testUndeclaredNonFetchDirective() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("default-src 'none'");
        assertNull(csp.getSources("sandbox"));
        assertFalse(csp.allows("frame-src", "https://example.com", SELF));
    }

    @Test
    public void testNone() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src 'none'");
        assertFalse(csp.allows("connect-src", SELF + "/", SELF));
        // 'none' mixed with other sources is ignored
        csp = new ContentSecurityPolicy("connect-src 'none' https://a.com");
        assertTrue(csp.allows("connect-src", "https://a.com", SELF));
    }

    @Test
    public void testSelf() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src 'self'");
        assertTrue(csp.allows("connect-src", "https://localhost/data.json", SELF));
        assertTrue(csp.allows("connect-src", "https://localhost:443/data.json", SELF));
        assertFalse(csp.allows("connect-src", "http://localhost/data.json", SELF));
        assertFalse(csp.allows("connect-src", "https://localhost:8443/", SELF));
        assertFalse(csp.allows("connect-src", "https://localhost/", null));
    }

    @Test
    public void testWildcard() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("img-src *");
        assertTrue(csp.allows("img-src", "https://example.com/a.png", SELF));
        assertTrue(csp.allows("img-src", "ftp://example.com/a.png", SELF));
        assertFalse(csp.allows("img-src", "data:image/png;base64,AAAA", SELF));
        assertFalse(csp.allows("img-src", "blob:https://localhost/123", SELF));
    }

    @Test
    public void testSchemeSource() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("img-src data: content: https:");
        assertTrue(csp.allows("img-src", "data:image/gif;base64,R0lGOD", SELF));
        assertTrue(csp.allows("img-src", "content://media/external/images/1", SELF));
        assertTrue(csp.allows("img-src", "https://any.host.example/", SELF));
        assertFalse(csp.allows("img-src", "http://any.host.example/", SELF));
    }

    @Test
    public void testHostSource() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src api.example.com");
        assertTrue(csp.allows("connect-src", "https://api.example.com/v1/items", SELF));
        assertTrue(csp.allows("connect-src", "http://API.EXAMPLE.COM/", SELF));
        assertTrue(csp.allows("connect-src", "wss://api.example.com/socket", SELF));
        assertFalse(csp.allows("connect-src", "https://www.example.com/", SELF));
        assertFalse(csp.allows("connect-src", "https://api.example.com:8080/", SELF));
        assertFalse(csp.allows("connect-src", "ftp://api.example.com/", SELF));
    }

    @Test
    public void testHostSourceWithSubdomainWildcard() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src https://*.example.com");
        assertTrue(csp.allows("connect-src", "https://a.example.com/", SELF));
        assertTrue(csp.allows("connect-src", "https://a.b.example.com/", SELF));
        // *.example.com does not match the bare domain
        assertFalse(csp.allows("connect-src", "https://example.com/", SELF));
        assertFalse(csp.allows("connect-src", "https://badexample.com/", SELF));
    }

    @Test
    public void testHostSourceSchemeUpgrade() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src http://example.com ws://example.com");
        assertTrue(csp.allows("connect-src", "http://example.com/", SELF));
        assertTrue(csp.allows("connect-src", "https://example.com/", SELF));
        assertTrue(csp.allows("connect-src", "wss://example.com/", SELF));

        csp = new ContentSecurityPolicy("connect-src https://example.com");
        assertFalse(csp.allows("connect-src", "http://example.com/", SELF));
    }

    @Test
    public void testHostSourcePorts() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src https://example.com:8443 http://10.0.2.2:*");
        assertTrue(csp.allows("connect-src", "https://example.com:8443/", SELF));
        assertFalse(csp.allows("connect-src", "https://example.com/", SELF));
        assertTrue(csp.allows("connect-src", "http://10.0.2.2:3000/api", SELF));
        assertTrue(csp.allows("connect-src", "http://10.0.2.2/api", SELF));

        csp = new ContentSecurityPolicy("connect-src https://example.com:443");
        assertTrue(csp.allows("connect-src", "https://example.com/", SELF));
    }

    @Test
    public void testHostSourcePaths() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("script-src https://cdn.example.com/libs/ https://cdn.example.com/app.js");
        assertTrue(csp.allows("script-src", "https://cdn.example.com/libs/jquery.js", SELF));
        assertTrue(csp.allows("script-src", "https://cdn.example.com/app.js", SELF));
        assertFalse(csp.allows("script-src", "https://cdn.example.com/app.js.map", SELF));
        assertFalse(csp.allows("script-src", "https://cdn.example.com/other/x.js", SELF));
    }

    @Test
    public void testDirectiveParsing() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy(
            "  Default-Src  'self' ;; connect-src https://a.com;connect-src https://b.com ;  ");
        assertEquals(Arrays.asList("'self'"), csp.getSources("default-src"));
        // Only the first connect-src counts
        assertEquals(Arrays.asList("https://a.com"), csp.getSources("connect-src"));
    }

    @Test
    public void testDirectiveWithoutSources() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("upgrade-insecure-requests; frame-src");
        assertTrue(csp.hasDirective("upgrade-insecure-requests"));
        assertFalse(csp.allows("frame-src", "https://example.com", SELF));
    }

    @Test
    public void testMalformedUrl() {
        ContentSecurityPolicy csp = new ContentSecurityPolicy("connect-src *");
        assertFalse(csp.allows("connect-src", "http://exa mple.com", SELF));
        assertFalse(csp.allows("connect-src", "/relative/path", SELF));
    }
}
