        // Removing from the map inside the for-each threw ConcurrentModificationException
        // once a second listener had unsubscribed. Use the iterator's remove instead.
        Iterator<Map.Entry<String, Listener>> it = listeners.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Listener> entry = it.next();
            if (entry.getValue().isClosed()) {
                it.remove();
                log.debug("removed closed listener {}", entry.getKey());
            }
        }
