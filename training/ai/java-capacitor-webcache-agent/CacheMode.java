package com.getcapacitor.plugin.util;

import android.webkit.WebSettings;
import androidx.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cache modes a JS caller or the config can ask for, mapped to the
 * {@link WebSettings} constants.
 */
public enum CacheMode {
    DEFAULT("default", WebSettings.LOAD_DEFAULT),
    CACHE_ELSE_NETWORK("cacheElseNetwork", WebSettings.LOAD_CACHE_ELSE_NETWORK),
    NO_CACHE("noCache", WebSettings.LOAD_NO_CACHE),
    CACHE_ONLY("cacheOnly", WebSettings.LOAD_CACHE_ONLY);

    private final String name;
    private final int setting;

    CacheMode(String name, int setting) {
        this.name = name;
        this.setting = setting;
    }

    public String getName() {
        return name;
    }

    public int getSetting() {
        return setting;
    }

    /**
     * Find the mode with the given name, ignoring case
     * @param name the name used in the config or by the JS caller
     * @return the mode, or null if the name is unknown
     */
    @Nullable
    public static CacheMode fromName(@Nullable String name) {
        if (name == null) {
            return null;
        }

        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (CacheMode mode : values()) {
            if (mode.name.toLowerCase(Locale.ROOT).equals(lower)) {
                return mode;
            }
        }
        return null;
    }

    /**
     * Find the mode for a {@link WebSettings} cache mode constant
     * @param setting the value returned by {@code WebSettings.getCacheMode()}
     * @return the mode, or null if there isn't one
     */
    @Nullable
    public static CacheMode fromSetting(int setting) {
        for (CacheMode mode : values()) {
            if (mode.setting == setting) {
                return mode;
            }
        }
        return null;
    }

    public static String names() {
        List<String> names = new ArrayList<>();
        for (CacheMode mode : values()) {
            names.add(mode.name);
        }
        return String.join(", ", names);
    }
}
