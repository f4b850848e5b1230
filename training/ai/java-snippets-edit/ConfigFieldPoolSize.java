    @Min(1)
    @Max(200)
    private int poolSize = 10;

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("poolSize must be between 1 and 200, was " + poolSize);
        }
        this.poolSize = poolSize;
    }
