use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// A single to-do item.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task {
    pub id: u32,
    pub title: String,
    pub done: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let checkbox = if self.done { "[x]" } else { "[ ]" };
        write!(f, "{checkbox} #{} {}", self.id, self.title)?;
        if !self.tags.is_empty() {
            write!(f, " ({})", self.tags.join(", "))?;
        }
        Ok(())
    }
}

/// The task list, persisted as JSON in the user's data directory.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TaskList {
    tasks: Vec<Task>,
    #[serde(skip)]
    path: PathBuf,
}

impl TaskList {
    /// Load the task list from `path`, or start an empty one if the file does not exist yet.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let mut list = if path.exists() {
            let data = fs::read_to_string(path)
                .with_context(|| format!("failed to read {}", path.display()))?;
            serde_json::from_str::<TaskList>(&data)
                .with_context(|| format!("{} is not a valid task file", path.display()))?
        } else {
            TaskList::default()
        };
        list.path = path.to_path_buf();
        Ok(list)
    }

    /// Save the list atomically by writing a temporary file and renaming it.
    pub fn save(&self) -> Result<()> {
        let tmp = self.path.with_extension("json.tmp");
        let data = serde_json::to_string_pretty(self)?;
        fs::write(&tmp, data).with_context(|| format!("failed to write {}", tmp.display()))?;
        fs::rename(&tmp, &self.path).context("failed to replace the task file")?;
        Ok(())
    }

    pub fn add(&mut self, title: &str, tags: Vec<String>) -> Result<&Task> {
        let title = title.trim();
        if title.is_empty() {
            bail!("task title cannot be empty");
        }
        let id = self.tasks.iter().map(|t| t.id).max().unwrap_or(0) + 1;
        self.tasks.push(Task { id, title: title.to_string(), done: false, tags });
        Ok(self.tasks.last().expect("just pushed"))
    }

    pub fn complete(&mut self, id: u32) -> Result<()> {
        match self.tasks.iter_mut().find(|t| t.id == id) {
            Some(task) => {
                task.done = true;
                Ok(())
            }
            None => bail!("no task with id {id}"),
        }
    }

    pub fn remove(&mut self, id: u32) -> Result<Task> {
        let index = self
            .tasks
            .iter()
            .position(|t| t.id == id)
            .with_context(|| format!("no task with id {id}"))?;
        Ok(self.tasks.remove(index))
    }

    /// Tasks that are not done, optionally filtered by tag.
    pub fn pending<'a>(&'a self, tag: Option<&'a str>) -> impl Iterator<Item = &'a Task> + 'a {
        self.tasks
            .iter()
            .filter(move |t| !t.done && tag.map_or(true, |tag| t.tags.iter().any(|x| x == tag)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_assigns_increasing_ids() {
        let mut list = TaskList::default();
        list.add("first", vec![]).unwrap();
        let second = list.add("second", vec![]).unwrap();
        assert_eq!(second.id, 2);
    }

    #[test]
    fn empty_titles_are_rejected() {
        let mut list = TaskList::default();
        assert!(list.add("   ", vec![]).is_err());
    }

    #[test]
    fn pending_filters_by_tag() {
        let mut list = TaskList::default();
        list.add("write docs", vec!["work".into()]).unwrap();
        list.add("buy milk", vec!["home".into()]).unwrap();
        let work: Vec<_> = list.pending(Some("work")).collect();
        assert_eq!(work.len(), 1);
        assert_eq!(work[0].title, "write docs");
    }
}
