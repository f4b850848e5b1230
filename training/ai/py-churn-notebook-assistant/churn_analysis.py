# %% [markdown]
# # Customer churn analysis
#
# This notebook explores the subscription export (`subscriptions.csv`) and
# answers three questions:
#
# 1. What is the monthly churn rate, and is it trending up?
# 2. Which plans and acquisition channels churn the most?
# 3. Can a simple model flag at-risk customers early?
#
# Run it top to bottom; each cell only depends on the cells above it.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

pd.set_option("display.max_columns", 50)
pd.set_option("display.float_format", "{:,.3f}".format)

DATA_PATH = Path("data/subscriptions.csv")
FIG_DIR = Path("figures")
FIG_DIR.mkdir(exist_ok=True)

# %% [markdown]
# ## 1. Load and clean the data

# %%
df = pd.read_csv(DATA_PATH, parse_dates=["signup_date", "cancel_date"])
print(f"Loaded {len(df):,} rows and {df.shape[1]} columns")
df.head()

# %%
# Quick overview of missing values and dtypes
df.info()
df.isna().mean().sort_values(ascending=False).head(10)

# %%
# Normalise categorical columns: trim whitespace and use consistent casing.
for col in ["plan", "channel", "country"]:
    df[col] = df[col].astype("string").str.strip().str.lower()

# Drop exact duplicates (the export occasionally repeats rows).
before = len(df)
df = df.drop_duplicates()
print(f"Removed {before - len(df)} duplicate rows")

# Monthly fee should never be negative; treat those rows as data errors.
bad_fee = df["monthly_fee"] < 0
print(f"Rows with negative fees: {bad_fee.sum()}")
df = df.loc[~bad_fee].copy()

# A customer has churned if they have a cancel date.
df["churned"] = df["cancel_date"].notna()

# Tenure in months, measured up to the cancel date or the export date.
export_date = df[["signup_date", "cancel_date"]].max().max()
end = df["cancel_date"].fillna(export_date)
df["tenure_months"] = ((end - df["signup_date"]).dt.days / 30.44).round(1)

df[["signup_date", "cancel_date", "churned", "tenure_months"]].describe(include="all")

# %% [markdown]
# ## 2. Monthly churn rate
#
# Churn rate for a month = customers who cancelled during that month divided
# by customers active at the start of that month.

# %%
months = pd.period_range(df["signup_date"].min(), export_date, freq="M")

rows = []
for month in months:
    start = month.start_time
    stop = month.end_time
    active_at_start = ((df["signup_date"] < start) & (df["cancel_date"].isna() | (df["cancel_date"] >= start))).sum()
    cancelled = df["cancel_date"].between(start, stop).sum()
    rows.append({"month": month, "active": active_at_start, "cancelled": cancelled})

monthly = pd.DataFrame(rows).set_index("month")
monthly["churn_rate"] = monthly["cancelled"] / monthly["active"].replace(0, np.nan)
monthly.tail(12)

# %%
fig, ax = plt.subplots(figsize=(10, 4))
monthly["churn_rate"].plot(ax=ax, marker="o", label="monthly churn")
monthly["churn_rate"].rolling(3).mean().plot(ax=ax, linestyle="--", label="3-month average")
ax.set_ylabel("churn rate")
ax.set_title("Monthly churn rate")
ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))
ax.legend()
fig.tight_layout()
fig.savefig(FIG_DIR / "monthly_churn.png", dpi=120)
plt.show()

# %% [markdown]
# ## 3. Churn by plan and channel

# %%
by_plan = (
    df.groupby("plan")
    .agg(customers=("customer_id", "nunique"), churn_rate=("churned", "mean"), avg_fee=("monthly_fee", "mean"))
    .sort_values("churn_rate", ascending=False)
)
by_plan

# %%
pivot = df.pivot_table(index="channel", columns="plan", values="churned", aggfunc="mean")

fig, ax = plt.subplots(figsize=(8, 5))
im = ax.imshow(pivot.values, cmap="Reds")
ax.set_xticks(range(len(pivot.columns)), pivot.columns, rotation=45, ha="right")
ax.set_yticks(range(len(pivot.index)), pivot.index)
for i in range(pivot.shape[0]):
    for j in range(pivot.shape[1]):
        value = pivot.iat[i, j]
        if not np.isnan(value):
            ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=8)
fig.colorbar(im, ax=ax, label="churn rate")
ax.set_title("Churn rate by channel and plan")
fig.tight_layout()
fig.savefig(FIG_DIR / "churn_heatmap.png", dpi=120)
plt.show()

# %% [markdown]
# **Observation:** fill in after running, e.g. which channel/plan cells stand out.

# %% [markdown]
# ## 4. A baseline churn model
#
# We only use features known in the first month, so the model could be used
# to intervene early. Logistic regression keeps it interpretable.

# %%
features = ["monthly_fee", "seats", "logins_first_30d", "support_tickets_first_30d"]
categorical = ["plan", "channel"]

model_df = df.dropna(subset=features).copy()
X = pd.get_dummies(model_df[features + categorical], columns=categorical, drop_first=True)
y = model_df["churned"].astype(int)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42, stratify=y)

scaler = StandardScaler()
X_train_s = scaler.fit_transform(X_train)
X_test_s = scaler.transform(X_test)

clf = LogisticRegression(max_iter=1000, class_weight="balanced")
clf.fit(X_train_s, y_train)

proba = clf.predict_proba(X_test_s)[:, 1]
print(f"ROC AUC: {roc_auc_score(y_test, proba):.3f}")
print(classification_report(y_test, (proba >= 0.5).astype(int), digits=3))

# %%
# Which features push churn up or down? (coefficients are on standardised features)
coefs = pd.Series(clf.coef_[0], index=X.columns).sort_values()
ax = coefs.plot.barh(figsize=(7, 5), title="Logistic regression coefficients")
ax.axvline(0, color="black", linewidth=0.8)
plt.tight_layout()
plt.savefig(FIG_DIR / "coefficients.png", dpi=120)
plt.show()

# %% [markdown]
# ## 5. Export at-risk customers
#
# Score every active customer and save the top decile for the success team.

# %%
active = df.loc[~df["churned"]].dropna(subset=features).copy()
X_active = pd.get_dummies(active[features + categorical], columns=categorical, drop_first=True)
# Align columns with the training matrix; categories unseen in training become 0.
X_active = X_active.reindex(columns=X.columns, fill_value=0)
active["churn_risk"] = clf.predict_proba(scaler.transform(X_active))[:, 1]

threshold = active["churn_risk"].quantile(0.9)
at_risk = active.loc[active["churn_risk"] >= threshold, ["customer_id", "plan", "channel", "churn_risk"]]
at_risk = at_risk.sort_values("churn_risk", ascending=False)
at_risk.to_csv("at_risk_customers.csv", index=False)
print(f"Saved {len(at_risk)} at-risk customers (risk >= {threshold:.2f})")
at_risk.head(10)
