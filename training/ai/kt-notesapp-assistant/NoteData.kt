package com.example.notes.data

import androidx.room.Dao
import androidx.room.Database
import androidx.room.Entity
import androidx.room.Index
import androidx.room.Insert
import androidx.room.OnConflictStrategy
import androidx.room.PrimaryKey
import androidx.room.Query
import androidx.room.RoomDatabase
import androidx.room.Update
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.withContext

/**
 * A single note as stored in the local database.
 *
 * @property id Auto-generated primary key; `0` means "not saved yet".
 * @property title Short title shown in the list. May be empty.
 * @property body The note's text.
 * @property pinned Pinned notes are always listed first.
 * @property updatedAt Last modification time, in epoch milliseconds.
 */
@Entity(tableName = "notes", indices = [Index("updatedAt")])
data class Note(
    @PrimaryKey(autoGenerate = true) val id: Long = 0,
    val title: String,
    val body: String,
    val pinned: Boolean = false,
    val updatedAt: Long,
)

/**
 * Data access object for [Note]. Room generates the implementation.
 */
@Dao
interface NoteDao {

    /** Emits the full list whenever the table changes. Pinned first, then most recent. */
    @Query("SELECT * FROM notes ORDER BY pinned DESC, updatedAt DESC")
    fun observeAll(): Flow<List<Note>>

    /** Simple substring search over title and body. */
    @Query(
        "SELECT * FROM notes WHERE title LIKE '%' || :query || '%' OR body LIKE '%' || :query || '%' " +
            "ORDER BY pinned DESC, updatedAt DESC"
    )
    fun search(query: String): Flow<List<Note>>

    @Query("SELECT * FROM notes WHERE id = :id")
    suspend fun findById(id: Long): Note?

    @Insert(onConflict = OnConflictStrategy.ABORT)
    suspend fun insert(note: Note): Long

    @Update
    suspend fun update(note: Note): Int

    @Query("DELETE FROM notes WHERE id = :id")
    suspend fun deleteById(id: Long): Int
}

@Database(entities = [Note::class], version = 1, exportSchema = true)
abstract class NotesDatabase : RoomDatabase() {
    abstract fun noteDao(): NoteDao
}

/**
 * Single source of truth for notes.
 *
 * The repository validates input and stamps modification times, so the UI layer
 * never has to know about the database. All database work runs on [ioDispatcher].
 *
 * @param dao The Room DAO.
 * @param clock Returns the current time in epoch milliseconds; injectable for tests.
 * @param ioDispatcher Dispatcher used for database calls.
 */
class NotesRepository(
    private val dao: NoteDao,
    private val clock: () -> Long = System::currentTimeMillis,
    private val ioDispatcher: CoroutineDispatcher = Dispatchers.IO,
) {

    /** Observes notes, optionally filtered by [query]. A blank query returns everything. */
    fun notes(query: String = ""): Flow<List<Note>> =
        if (query.isBlank()) dao.observeAll() else dao.search(query.trim())

    /**
     * Creates a note or updates an existing one.
     *
     * @return The id of the saved note.
     * @throws IllegalArgumentException if both title and body are blank.
     * @throws NoSuchElementException if [id] refers to a note that no longer exists.
     */
    suspend fun save(id: Long?, title: String, body: String): Long = withContext(ioDispatcher) {
        require(title.isNotBlank() || body.isNotBlank()) { "A note needs a title or some text" }
        require(title.length <= MAX_TITLE_LENGTH) { "Title is longer than $MAX_TITLE_LENGTH characters" }

        val now = clock()
        if (id == null || id == 0L) {
            dao.insert(Note(title = title.trim(), body = body, updatedAt = now))
        } else {
            val existing = dao.findById(id) ?: throw NoSuchElementException("Note $id was deleted")
            dao.update(existing.copy(title = title.trim(), body = body, updatedAt = now))
            id
        }
    }

    /** Toggles the pinned flag. Does nothing if the note does not exist. */
    suspend fun togglePinned(id: Long) = withContext(ioDispatcher) {
        val note = dao.findById(id) ?: return@withContext
        dao.update(note.copy(pinned = !note.pinned, updatedAt = clock()))
    }

    /** Deletes a note, returning the deleted copy so the UI can offer "undo". */
    suspend fun delete(id: Long): Note? = withContext(ioDispatcher) {
        val note = dao.findById(id)
        if (note != null) dao.deleteById(id)
        note
    }

    /** Re-inserts a note removed by [delete], keeping its original id. */
    suspend fun restore(note: Note) = withContext(ioDispatcher) {
        dao.insert(note)
    }

    companion object {
        const val MAX_TITLE_LENGTH = 120
    }
}
