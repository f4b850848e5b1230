package com.example.library.book;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.Objects;

/**
 * Domain model for a book in the library catalogue.
 *
 * <p>Books are identified by a server-generated numeric id. The ISBN is unique
 * across the catalogue and is stored in its normalized 13-digit form.</p>
 */
public class Book {

    private Long id;
    private String isbn;
    private String title;
    private String author;
    private int publishedYear;
    private int copiesAvailable;
    private Instant createdAt;
    private Instant updatedAt;

    public Book() {
        // Required by frameworks that instantiate the class reflectively.
    }

    public Book(Long id, String isbn, String title, String author, int publishedYear, int copiesAvailable) {
        this.id = id;
        this.isbn = isbn;
        this.title = title;
        this.author = author;
        this.publishedYear = publishedYear;
        this.copiesAvailable = copiesAvailable;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }

    public String getIsbn() { return isbn; }
    public void setIsbn(String isbn) { this.isbn = isbn; }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }

    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }

    public int getPublishedYear() { return publishedYear; }
    public void setPublishedYear(int publishedYear) { this.publishedYear = publishedYear; }

    public int getCopiesAvailable() { return copiesAvailable; }
    public void setCopiesAvailable(int copiesAvailable) { this.copiesAvailable = copiesAvailable; }

    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }

    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Book)) return false;
        Book other = (Book) o;
        // Two books are the same entity if they share an id; unsaved books are never equal.
        return id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    /**
     * Request payload used for both creating and fully replacing a book.
     *
     * @param isbn            ISBN-10 or ISBN-13, hyphens and spaces allowed
     * @param title           the title, must not be blank
     * @param author          the author's display name
     * @param publishedYear   year of publication (e.g. 1999)
     * @param copiesAvailable number of copies on the shelf, zero or more
     */
    public record BookRequest(
            @NotBlank @Pattern(regexp = "[0-9Xx\\- ]{10,17}", message = "must look like an ISBN") String isbn,
            @NotBlank String title,
            @NotBlank String author,
            @Min(value = 1450, message = "must be 1450 or later") int publishedYear,
            @PositiveOrZero int copiesAvailable) {
    }

    /**
     * Response representation. Kept separate from the entity so internal fields
     * can change without breaking API clients.
     */
    public record BookResponse(Long id, String isbn, String title, String author,
                               int publishedYear, int copiesAvailable, Instant updatedAt) {

        public static BookResponse from(Book book) {
            return new BookResponse(book.getId(), book.getIsbn(), book.getTitle(), book.getAuthor(),
                    book.getPublishedYear(), book.getCopiesAvailable(), book.getUpdatedAt());
        }
    }
}
