package com.getcapacitor.plugin;

import android.webkit.WebSettings;
import android.webkit.WebView;
import com.getcapacitor.JSObject;
import com.getcapacitor.Logger;
import com.getcapacitor.Plugin;
import com.getcapacitor.PluginCall;
import com.getcapacitor.PluginConfig;
import com.getcapacitor.PluginMethod;
import com.getcapacitor.annotation.CapacitorPlugin;
import com.getcapacitor.plugin.util.CacheMode;
import java.io.File;

@CapacitorPlugin
public class CapacitorWebCache extends Plugin {

    public static final String WEBCACHE_PREFS_NAME = "CapWebCacheSettings";
    public static final String CAP_CACHE_MODE = "cacheMode";

    @Override
    public void load() {
        PluginConfig pluginConfig = getBridge().getConfig().getPluginConfiguration("CapacitorWebCache");
        String configured = getContext()
            .getSharedPreferences(WEBCACHE_PREFS_NAME, android.app.Activity.MODE_PRIVATE)
            .getString(CAP_CACHE_MODE, pluginConfig.getString(CAP_CACHE_MODE, null));

        if (configured != null) {
            CacheMode mode = CacheMode.fromName(configured);
            if (mode == null) {
                Logger.warn(getLogTag(), "Unknown cacheMode \"" + configured + "\" in config, keeping the default");
            } else {
                applyCacheMode(mode);
            }
        }
        super.load();
    }

    @PluginMethod
    public void setCacheMode(PluginCall call) {
        String name = call.getString("mode");
        if (name == null) {
            call.reject("Must provide a cache mode");
            return;
        }

        CacheMode mode = CacheMode.fromName(name);
        if (mode == null) {
            call.reject("Invalid cache mode. Use one of: " + CacheMode.names());
            return;
        }

        boolean persist = call.getBoolean("persist", false);
        applyCacheMode(mode);
        if (persist) {
            getContext()
                .getSharedPreferences(WEBCACHE_PREFS_NAME, android.app.Activity.MODE_PRIVATE)
                .edit()
                .putString(CAP_CACHE_MODE, mode.getName())
                .apply();
        }
        call.resolve();
    }

    @PluginMethod
    public void getCacheMode(PluginCall call) {
        bridge.executeOnMainThread(
            () -> {
                WebSettings settings = bridge.getWebView().getSettings();
                CacheMode mode = CacheMode.fromSetting(settings.getCacheMode());
                JSObject ret = new JSObject();
                ret.put("mode", mode == null ? CacheMode.DEFAULT.getName() : mode.getName());
                call.resolve(ret);
            }
        );
    }

    @PluginMethod
    public void clearCache(PluginCall call) {
        boolean includeDiskFiles = call.getBoolean("includeDiskFiles", true);
        bridge.executeOnMainThread(
            () -> {
                WebView webView = bridge.getWebView();
                webView.clearCache(includeDiskFiles);
                call.resolve();
            }
        );
    }

    @PluginMethod
    public void getCacheSize(PluginCall call) {
        File cacheDir = getContext().getCacheDir();
        long size = 0;
        try {
            size = directorySize(cacheDir);
        } catch (SecurityException ex) {
            call.reject("Unable to read the cache directory", ex);
            return;
        }

        JSObject ret = new JSObject();
        ret.put("bytes", size);
        call.resolve(ret);
    }

    /**
     * Apply a cache mode to the bridge WebView. WebView settings must be changed
     * on the main thread, so this is posted there.
     * @param mode the mode to apply
     */
    private void applyCacheMode(CacheMode mode) {
        bridge.executeOnMainThread(
            () -> {
                bridge.getWebView().getSettings().setCacheMode(mode.getSetting());
                Logger.debug(getLogTag(), "WebView cache mode set to " + mode.getName());
            }
        );
    }

    /**
     * Walk a directory and add up the size of the files in it
     * @param dir the directory to measure
     * @return the size in bytes, 0 if the directory doesn't exist
     */
    private long directorySize(File dir) {
        if (dir == null || !dir.exists()) {
            return 0;
        }

        File[] files = dir.listFiles();
        if (files == null) {
            return 0;
        }

        long total = 0;
        for (File file : files) {
            total += file.isDirectory() ? directorySize(file) : file.length();
        }
        return total;
    }
}
