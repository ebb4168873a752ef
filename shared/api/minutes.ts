/** The minutes' part of the HTTP contract: the workshop's place (printed in the minutes). */

/** `PUT /api/workshops/:id/place` (facilitator): an empty string removes the place. */
export interface PlaceRequest {
  place: string
}

/** `GET` and `PUT /api/workshops/:id/place`. */
export interface PlaceResponse {
  place: string | null
}
